import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../platform/errors.js';
import type { RequestContext } from '../platform/request-context.js';

/**
 * Extensions @apollo/gateway and Apollo Server add that describe the inside: the subgraph's name, its URL, status and raw
 * body (`response`), the exception and its stack, the subgraph operation and its variables.
 */
const INTERNAL_EXTENSIONS = ['serviceName', 'response', 'exception', 'stacktrace', 'query', 'variables', 'http', 'originalError'];

export const GENERIC_INTERNAL_MESSAGE = 'Internal server error';

/**
 * Errors whose message may be anything the runtime threw ("Maximum call stack size exceeded", "connect ECONNREFUSED
 * 10.…"): no code, an internal one, or a GraphQL error wrapping a plain one (Apollo reports a parser's RangeError as
 * GRAPHQL_PARSE_FAILED with the RangeError's message). graphql is loaded as ESM and CommonJS, so shapes, not classes.
 */
function isUnexpected(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.code;
  if (typeof code !== 'string' || code === ErrorCode.Internal || code === 'DOWNSTREAM_SERVICE_ERROR') return true;
  // Apollo wraps twice: SyntaxError(GraphQLError(RangeError)).
  let cause = (error as { originalError?: unknown } | null)?.originalError;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (!('extensions' in cause)) return true;
    cause = (cause as { originalError?: unknown }).originalError;
  }
  return false;
}

/**
 * Production's `formatError`: an expected error (a stable code) keeps its message, code and its own details minus the
 * internal extensions; anything else becomes INTERNAL_SERVER_ERROR with a generic message. The request ID is added
 * afterwards (request-id-in-errors-plugin.ts), and the original is logged with it (maskedErrorLoggingPlugin).
 */
export function maskGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isUnexpected(formatted, error)) {
    // A request ID already added (graphql-ws payloads come formatted from executeOperation) stays.
    const requestId = formatted.extensions?.requestId;
    return {
      message: GENERIC_INTERNAL_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal, ...(requestId ? { requestId } : {}) },
    };
  }
  const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)));
  return { ...formatted, extensions };
}

/** What masking hides is logged whole, on the request's logger (request ID, tenant), so support can still find it. */
export function maskedErrorLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isUnexpected({ message: error.message, extensions: error.extensions }, error)) continue;
            contextValue.log?.error(
              { err: error.originalError ?? error, extensions: error.extensions },
              'unexpected error (masked for the client)',
            );
          }
        },
      };
    },
  };
}
