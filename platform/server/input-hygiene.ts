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
import { ErrorCode } from '../errors.js';

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

/** A value still to check: a literal of the document or a variable's JSON value, at `depth` containers deep. */
type Pending = { path: string; depth: number } & ({ ast: ValueNode } | { value: unknown });

/** Paired surrogates form one code point, so with the `u` flag only unpaired ones match. */
const LONE_SURROGATE = /\p{Cs}/u;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Checks every input value of the operation that is about to run: the arguments of every field and directive (inline
 * literals, and variables where they are used) and the variables no argument uses. Refuses NUL characters and unpaired
 * surrogates in strings and object keys (PostgreSQL text and jsonb refuse both), strings above the size limit and
 * values nested deeper than the depth limit. Iterative, so a value nested 100,000 deep cannot overflow the stack.
 * Returns a BAD_USER_INPUT error naming the path, e.g. `createOrder.input.items[0].notes`, or undefined.
 */
export function findInputProblem(input: OperationInput, limits: InputLimits): GraphQLError | undefined {
  const operation = getOperationAST(input.document, input.operationName ?? undefined);
  if (!operation) return undefined; // graphql-js reports the missing operation itself
  const variables = input.variables ?? {};
  const pending: Pending[] = [];
  const usedVariables = new Set<string>();

  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) pending.push({ ast: definition.defaultValue, path: `$${definition.variable.name.value}`, depth: 0 });
  }
  const addArguments = (path: string, args: readonly ArgumentNode[] | undefined) => {
    for (const argument of args ?? [])
      pending.push({ ast: argument.value, path: `${path}${path ? '.' : ''}${argument.name.value}`, depth: 0 });
  };
  const addDirectives = (path: string, directives: readonly DirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) addArguments(`${path}@${directive.name.value}`, directive.arguments);
  };
  addDirectives('', operation.directives);

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
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

  const problem = new ValueChecker(limits, variables, usedVariables).check(pending);
  if (problem) return problem;
  // Variables no argument uses still reach the server: check them too, by their own name.
  const unused = Object.keys(variables)
    .filter((name) => !usedVariables.has(name))
    .map((name): Pending => ({ value: variables[name], path: `$${name}`, depth: 0 }));
  return new ValueChecker(limits, variables, usedVariables).check(unused);
}

class ValueChecker {
  constructor(
    private readonly limits: InputLimits,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly usedVariables: Set<string>,
  ) {}

  check(pending: Pending[]): GraphQLError | undefined {
    // Depth-first, in document order, so the first problem reported is the first one written.
    const stack = pending.reverse();
    for (let item = stack.pop(); item; item = stack.pop()) {
      const problem = 'ast' in item ? this.literal(item.ast, item, stack) : this.value(item.value, item, stack);
      if (problem) return problem;
    }
    return undefined;
  }

  private literal(node: ValueNode, { path, depth }: Pending, stack: Pending[]): GraphQLError | undefined {
    switch (node.kind) {
      case Kind.STRING:
        return this.string(node.value, path);
      case Kind.VARIABLE: {
        // A variable stands where it is written: its value is checked under this argument's path, once.
        const name = node.name.value;
        if (this.usedVariables.has(name) || !Object.hasOwn(this.variables, name)) return undefined;
        this.usedVariables.add(name);
        stack.push({ value: this.variables[name], path, depth });
        return undefined;
      }
      case Kind.LIST:
        if (depth + 1 > this.limits.maxDepth) return tooDeep(path, this.limits.maxDepth);
        for (let i = node.values.length - 1; i >= 0; i--) stack.push({ ast: node.values[i]!, path: `${path}[${i}]`, depth: depth + 1 });
        return undefined;
      case Kind.OBJECT:
        if (depth + 1 > this.limits.maxDepth) return tooDeep(path, this.limits.maxDepth);
        for (let i = node.fields.length - 1; i >= 0; i--) {
          const field = node.fields[i]!;
          stack.push({ ast: field.value, path: `${path}.${field.name.value}`, depth: depth + 1 });
        }
        return undefined;
      default:
        return undefined; // numbers, booleans, enums and null: nothing to refuse
    }
  }

  private value(value: unknown, { path, depth }: Pending, stack: Pending[]): GraphQLError | undefined {
    if (typeof value === 'string') return this.string(value, path);
    if (typeof value !== 'object' || value === null) return undefined;
    if (depth + 1 > this.limits.maxDepth) return tooDeep(path, this.limits.maxDepth);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      return undefined;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const childPath = `${path}${NAME.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key)}]`}`;
      const problem = this.string(key, childPath, 'its key');
      if (problem) return problem;
      stack.push({ value: (value as Record<string, unknown>)[key], path: childPath, depth: depth + 1 });
    }
    return undefined;
  }

  private string(text: string, path: string, what = 'the text'): GraphQLError | undefined {
    if (text.includes('\u0000')) return refuse(path, `${what} contains the NUL character (U+0000), which is not allowed`);
    if (LONE_SURROGATE.test(text)) return refuse(path, `${what} contains an unpaired UTF-16 surrogate, which is not valid Unicode`);
    // A UTF-8 encoding is at most 3 bytes per UTF-16 code unit, so short strings need no measuring.
    if (text.length * 3 > this.limits.maxStringBytes) {
      const limit = this.stringLimit(path);
      if (Buffer.byteLength(text, 'utf8') > limit) return refuse(path, `${what} is larger than ${limit} bytes`);
    }
    return undefined;
  }

  private stringLimit(path: string): number {
    const unindexed = path.replace(/\[\d+\]/g, '');
    let limit = this.limits.maxStringBytes;
    for (const [covered, bytes] of Object.entries(this.limits.largeStrings ?? {})) {
      if (unindexed === covered || unindexed.startsWith(`${covered}.`)) limit = Math.max(limit, bytes);
    }
    return limit;
  }
}

const tooDeep = (path: string, maxDepth: number) => refuse(path, `the value is nested deeper than ${maxDepth} levels`);

function refuse(path: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid input at ${path}: ${problem}.`, {
    extensions: { code: ErrorCode.BadUserInput, argumentPath: path },
  });
}

/**
 * The subgraphs' side (yoga, over HTTP and graphql-ws alike): every operation is checked before it executes or
 * subscribes, so no resolver and no database statement ever sees a refused value.
 */
export function useInputHygiene(limits: InputLimits): Plugin {
  const check = ({ args, setResultAndStopExecution }: CheckPayload) => {
    const problem = findInputProblem(
      { document: args.document, operationName: args.operationName, variables: args.variableValues },
      limits,
    );
    if (problem) setResultAndStopExecution({ errors: [problem] });
  };
  return { onExecute: check, onSubscribe: check };
}

interface CheckPayload {
  args: { document: DocumentNode; operationName?: string | null; variableValues?: Readonly<Record<string, unknown>> | null };
  setResultAndStopExecution(result: { errors: GraphQLError[] }): void;
}
