import {
  getOperationAST,
  GraphQLError,
  Kind,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { InputValueChecker } from './input-value-checker.js';

/** What every input value of an operation must respect (INPUT_MAX_DEPTH, INPUT_MAX_STRING_BYTES; docs/security.md). */
export interface InputLimits {
  /** Nesting of input objects, lists and JSON values within one argument or variable. */
  maxDepth: number;
  /** UTF-8 size of any one string (object keys included). */
  maxStringBytes: number;
  /**
   * Larger string limits by argument path without list indices, e.g. `ingestDocument.input.contentBase64`; a path
   * covers every string beneath it. Subgraphs declare them (`SubgraphDefinition.largeStringInputs`).
   */
  largeStrings?: Readonly<Record<string, number>>;
}

export function inputLimitsFromConfig(
  config: Pick<Config, 'INPUT_MAX_DEPTH' | 'INPUT_MAX_STRING_BYTES'>,
  largeStrings: Readonly<Record<string, number>> = {},
): InputLimits {
  return { maxDepth: config.INPUT_MAX_DEPTH, maxStringBytes: config.INPUT_MAX_STRING_BYTES, largeStrings };
}

export interface OperationInput {
  document: DocumentNode;
  operationName?: string | null;
  /** As the client sent them, before coercion (which recurses and would overflow on deep values). */
  variables?: Readonly<Record<string, unknown>> | null;
}

/**
 * Checks every input value of the operation that is about to run: the arguments of every field and directive (inline
 * literals, and variables where they are used) and the variables no argument uses. Refuses NUL characters and unpaired
 * surrogates in strings and object keys (PostgreSQL text and jsonb refuse both), strings above the size limit and
 * values nested deeper than the depth limit. Iterative, so a value nested 100,000 deep cannot overflow the stack.
 * Returns a BAD_USER_INPUT error naming the path, e.g. `createOrder.input.items[0].notes`, or undefined.
 */
export function findInputProblem(input: OperationInput, limits: InputLimits): GraphQLError | undefined {
  const roots = inputRoots(input.document, input.operationName);
  if (!roots) return undefined; // graphql-js reports the missing operation itself
  const variables = input.variables ?? {};
  const checker = new InputValueChecker(limits, variables);
  for (const root of roots) {
    const problem = checker.check(root.path, root);
    if (problem) return problem;
  }
  // Variables no argument uses still reach the server: check them too, by their own name.
  for (const name of Object.keys(variables)) {
    const problem = checker.usedVariables.has(name) ? undefined : checker.check(`$${name}`, { value: variables[name] });
    if (problem) return problem;
  }
  return undefined;
}

interface InputRoot {
  path: string;
  ast: ValueNode;
}

/** Where an operation's arguments are, per document and operation name: documents recur, their walk need not. */
const rootsByDocument = new WeakMap<DocumentNode, Map<string, InputRoot[] | undefined>>();

function inputRoots(document: DocumentNode, operationName: string | null | undefined): InputRoot[] | undefined {
  let byName = rootsByDocument.get(document);
  if (!byName) rootsByDocument.set(document, (byName = new Map()));
  const key = operationName ?? '';
  if (!byName.has(key)) byName.set(key, collectInputRoots(document, operationName));
  return byName.get(key);
}

function collectInputRoots(document: DocumentNode, operationName: string | null | undefined): InputRoot[] | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const roots: InputRoot[] = [];

  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) roots.push({ path: `$${definition.variable.name.value}`, ast: definition.defaultValue });
  }
  const addArguments = (path: string, args: readonly ArgumentNode[] | undefined) => {
    for (const argument of args ?? []) roots.push({ path: `${path}${path ? '.' : ''}${argument.name.value}`, ast: argument.value });
  };
  const addDirectives = (path: string, directives: readonly DirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) addArguments(`${path}@${directive.name.value}`, directive.arguments);
  };
  addDirectives('', operation.directives);

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seenFragments = new Set<string>();
  const selections: { set: SelectionSetNode; path: string }[] = [{ set: operation.selectionSet, path: '' }];
  for (let next = selections.pop(); next; next = selections.pop()) {
    for (const selection of next.set.selections) {
      if (selection.kind === Kind.FIELD) {
        const path = next.path ? `${next.path}.${selection.name.value}` : selection.name.value;
        addArguments(path, selection.arguments);
        addDirectives(path, selection.directives);
        if (selection.selectionSet) selections.push({ set: selection.selectionSet, path });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        addDirectives(next.path, selection.directives);
        selections.push({ set: selection.selectionSet, path: next.path });
      } else {
        addDirectives(next.path, selection.directives);
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        seenFragments.add(fragment.name.value);
        selections.push({ set: fragment.selectionSet, path: next.path });
      }
    }
  }

  return roots;
}

/**
 * The subgraphs' side (yoga, over HTTP and graphql-ws alike): every operation is checked before it executes or
 * subscribes, so no resolver and no database statement ever sees a refused value. An inline literal nested so deep
 * that graphql-js's recursive parser overflows is a syntax error, as at the gateway, not an internal error.
 */
export function useInputHygiene(limits: InputLimits): Plugin {
  const check = ({ args, setResultAndStopExecution }: CheckPayload) => {
    const problem = findInputProblem(
      { document: args.document, operationName: args.operationName, variables: args.variableValues },
      limits,
    );
    if (problem) setResultAndStopExecution({ errors: [problem] });
  };
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          throw new GraphQLError('Syntax Error: the document is nested too deeply to be parsed.', {
            extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
          });
        }
      });
    },
    onExecute: check,
    onSubscribe: check,
  };
}

interface CheckPayload {
  args: { document: DocumentNode; operationName?: string | null; variableValues?: Readonly<Record<string, unknown>> | null };
  setResultAndStopExecution(result: { errors: GraphQLError[] }): void;
}
