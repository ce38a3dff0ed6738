import { bearerToken, type TokenVerifier } from '../auth/jwt.js';
import type { Logger } from '../logger.js';
import { REQUEST_ID_HEADER, resolveRequestId, type RequestContext } from '../request-context.js';

/** Where a caller's credentials come from: HTTP headers, or graphql-ws connectionParams (which cannot carry headers). */
export interface CallerCredentials {
  authorization?: string | null;
  requestId?: string | null;
}

export function credentialsFromHeaders(headers: { get(name: string): string | null }): CallerCredentials {
  return { authorization: headers.get('authorization'), requestId: headers.get(REQUEST_ID_HEADER) };
}

export function credentialsFromConnectionParams(params: Record<string, unknown> | undefined | null): CallerCredentials {
  const pick = (...keys: string[]) => {
    for (const key of keys) if (typeof params?.[key] === 'string') return params[key] as string;
    return undefined;
  };
  return { authorization: pick('authorization', 'Authorization'), requestId: pick(REQUEST_ID_HEADER, 'X-Request-ID', 'requestId') };
}

/**
 * Verifies the caller's own token (a subgraph never trusts a tenant header) and binds a logger carrying the request ID
 * and tenant, so every log line of the request can be correlated. The logger is made on first use: most requests log
 * nothing below the configured level, and a pino child costs its bindings' serialisation.
 */
export async function resolveCaller(credentials: CallerCredentials, verify: TokenVerifier, rootLog: Logger): Promise<RequestContext> {
  const requestId = resolveRequestId(credentials.requestId);
  const token = bearerToken(credentials.authorization);
  if (!token) return withLazyLog({ requestId }, rootLog, { requestId });
  try {
    const { principal, expiresAt } = await verify(token);
    return withLazyLog({ requestId, principal, authorization: credentials.authorization!, tokenExpiresAt: expiresAt }, rootLog, {
      requestId,
      tenant: principal.tenantId,
    });
  } catch (error) {
    rootLog.child({ requestId }).info({ err: (error as Error).message }, 'rejected token');
    throw error;
  }
}

/** `log` as an own, enumerable accessor: spreading the context (the subgraphs' contexts do) still carries a logger. */
function withLazyLog(fields: Omit<RequestContext, 'log'>, rootLog: Logger, bindings: Record<string, string>): RequestContext {
  let log: Logger | undefined;
  return {
    ...fields,
    get log() {
      return (log ??= rootLog.child(bindings));
    },
    set log(value: Logger) {
      log = value;
    },
  };
}
