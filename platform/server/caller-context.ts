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
 * and tenant, so every log line of the request can be correlated.
 */
export async function resolveCaller(credentials: CallerCredentials, verify: TokenVerifier, rootLog: Logger): Promise<RequestContext> {
  const requestId = resolveRequestId(credentials.requestId);
  const log = rootLog.child({ requestId });
  const token = bearerToken(credentials.authorization);
  if (!token) return { requestId, log };
  try {
    const { principal, expiresAt } = await verify(token);
    return {
      requestId,
      principal,
      authorization: credentials.authorization!,
      tokenExpiresAt: expiresAt,
      log: log.child({ tenant: principal.tenantId }),
    };
  } catch (error) {
    log.info({ err: (error as Error).message }, 'rejected token');
    throw error;
  }
}
