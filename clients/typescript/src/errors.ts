/** One GraphQL error as the gateway formats it; `extensions.code` is the stable code to branch on. */
export interface RaglineGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
}

/**
 * A failed operation: the first error's message and code (`BAD_USER_INPUT`, `FORBIDDEN`, `VERSION_CONFLICT`, ...), every
 * error as sent, and the HTTP status when the request was refused before execution (401, 429, ...).
 */
export class RaglineError extends Error {
  readonly code: string;
  readonly errors: readonly RaglineGraphQLError[];
  readonly status: number | undefined;

  constructor(errors: readonly RaglineGraphQLError[], status?: number) {
    super(errors[0]?.message ?? `Request failed with HTTP ${status}`);
    this.name = 'RaglineError';
    this.code = errors[0]?.extensions?.code ?? (status ? `HTTP_${status}` : 'UNKNOWN');
    this.errors = errors;
    this.status = status;
  }
}

/** graphql-ws reports a refused subscription as an error array, a dropped socket as a CloseEvent or an Error. */
export function toRaglineError(cause: unknown): RaglineError {
  if (cause instanceof RaglineError) return cause;
  if (Array.isArray(cause)) return new RaglineError(cause as RaglineGraphQLError[]);
  if (cause instanceof Error) return new RaglineError([{ message: cause.message, extensions: { code: 'NETWORK_ERROR' } }]);
  const close = cause as { code?: number; reason?: string } | null;
  return new RaglineError([
    { message: close?.reason || `Connection closed (${close?.code ?? 'unknown'})`, extensions: { code: 'NETWORK_ERROR' } },
  ]);
}
