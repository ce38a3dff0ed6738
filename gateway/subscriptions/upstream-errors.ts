import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CloseCode } from 'graphql-ws';
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

/**
 * The last payload of a subscription whose upstream socket closed or failed: a subgraph that closed it with 4403 (it
 * refused the token in connection_init, e.g. one that expired meanwhile) is UNAUTHENTICATED, anything else unavailable.
 */
export function upstreamFailed(serviceName: string, cause: unknown): ExecutionResult {
  if ((cause as { code?: unknown } | undefined)?.code === CloseCode.Forbidden) {
    return { errors: [appError(ErrorCode.Unauthenticated, 'Unauthenticated: the subgraph refused the token', { serviceName })] };
  }
  return subgraphUnavailable(serviceName);
}

/**
 * An event without data whose errors include UNAUTHENTICATED: the subgraph ended the subscription because the caller's
 * token expired (or was refused), so the gateway ends it too, with those errors as the last payload.
 */
export function refusesCaller(event: FormattedExecutionResult<unknown, unknown>): boolean {
  return event.data == null && (event.errors ?? []).some((error) => error.extensions?.code === ErrorCode.Unauthenticated);
}
