import { randomUUID } from 'node:crypto';
import type { Principal } from './auth/principal.js';
import type { Logger } from './logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What every resolver, on the gateway or in a subgraph, can rely on. */
export interface RequestContext {
  requestId: string;
  /** Absent for anonymous calls; resolvers that need a caller use `requirePrincipal`. */
  principal?: Principal;
  /** The raw `Authorization` header, forwarded unchanged to subgraphs. */
  authorization?: string;
  /** When the caller's token stops being accepted (ms since the epoch, `exp` plus the clock skew); absent without a token. */
  tokenExpiresAt?: number;
  /** The client's address as the gateway's socket sees it (rate limits of anonymous callers); absent in subgraphs. */
  clientIp?: string;
  log: Logger;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request ID when it is a sane token, otherwise mints one, so IDs can't inject into logs. */
export function resolveRequestId(incoming: string | null | undefined): string {
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}
