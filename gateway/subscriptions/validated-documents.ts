import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

/** Operation texts kept: apps send the same few (every chat message subscribes with the same chatStream text). */
const DEFAULT_ENTRIES = 1_000;

export type ValidatedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export interface ValidationOptions {
  /** Parses an operation text (the operation limits' token-counting parser); graphql-js's `parse` by default. */
  parse?: (query: string) => DocumentNode;
  /** Rules beyond the specification's (the operation limits). */
  rules?: readonly ValidationRule[];
  /** false: `__schema` and `__type` are refused, and "Did you mean …?" suggestions are hidden (as over HTTP). @default true */
  introspection?: boolean;
}

/**
 * Parses and validates operation texts against one schema, remembering the outcome per text: validating against the
 * supergraph's API schema took ~0.7 ms per subscribe under bench:chat, on the way to every message's first token.
 * Errors are remembered too, so a client repeating a bad operation costs no more than a good one.
 */
export class ValidatedDocuments {
  private readonly entries = new Map<string, ValidatedDocument>();

  private readonly parse: (query: string) => DocumentNode;
  private readonly rules: readonly ValidationRule[];
  private readonly hideSchema: boolean;

  constructor(
    readonly schema: GraphQLSchema,
    options: ValidationOptions = {},
    private readonly maxEntries = DEFAULT_ENTRIES,
  ) {
    this.parse = options.parse ?? ((query) => parse(query));
    this.hideSchema = options.introspection === false;
    this.rules = [...specifiedRules, ...(this.hideSchema ? [NoSchemaIntrospectionCustomRule] : []), ...(options.rules ?? [])];
  }

  /** The document of `query`, or why it cannot run (syntax or validation errors). */
  get(query: string): ValidatedDocument {
    const known = this.entries.get(query);
    if (known) {
      // Re-inserted so the least recently used text is the one evicted.
      this.entries.delete(query);
      this.entries.set(query, known);
      return known;
    }
    const outcome = this.parseAndValidate(query);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(query, outcome);
    return outcome;
  }

  private parseAndValidate(query: string): ValidatedDocument {
    let document: DocumentNode;
    try {
      document = this.parse(query);
    } catch (error) {
      // The token-counting parser is Armor's, on graphql's CommonJS build: its syntax errors are GraphQLErrors of that copy.
      const { message, extensions } = error as Partial<GraphQLError>;
      return {
        errors: [error instanceof GraphQLError ? error : new GraphQLError(message ?? 'Could not parse the operation', { extensions })],
      };
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length === 0) return { document };
    if (!this.hideSchema) return { errors };
    // The same mask GraphQL Armor's block-field-suggestions applies over HTTP.
    const hidden = errors.map(
      (error) =>
        new GraphQLError(error.message.replace(/Did you mean ".+"/g, '[Suggestion hidden]'), {
          nodes: error.nodes,
          extensions: error.extensions,
        }),
    );
    return { errors: hidden };
  }
}
