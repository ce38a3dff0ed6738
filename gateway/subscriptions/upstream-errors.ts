import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { appError, ErrorCode } from '../../platform/errors.js';

/** The last payload of a subscription whose subgraph went away (socket error or close). */
export function subgraphUnavailable(serviceName: string): ExecutionResult {
  return {
    errors: [
      appError(ErrorCode.SubgraphUnavailable, `Subgraph "${serviceName}" is unavailable; the subscription has ended`, { serviceName }),
    ],
  };
}

/** The last payload of a subscription the subgraph refused (e.g. UNAUTHENTICATED): its errors, passed through. */
export function upstreamRejected(serviceName: string, errors: readonly GraphQLFormattedError[]): ExecutionResult {
  return {
    errors: errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: { ...error.extensions, serviceName } })),
  };
}
