/** Why a model call failed. `interrupted` means the stream broke after output had reached the caller. */
export type ModelErrorKind =
  | 'network'
  | 'timeout'
  | 'rate-limit'
  | 'server'
  | 'bad-request'
  | 'auth'
  | 'not-found'
  | 'conflict'
  | 'circuit-open'
  | 'aborted'
  | 'interrupted'
  | 'invalid-response'
  | 'unknown';

export interface ModelErrorOptions {
  kind: ModelErrorKind;
  /** Whether the same request may succeed if sent again (network, 408, 409, 429, 5xx, timeouts). */
  isRetryable: boolean;
  provider?: string | undefined;
  status?: number | undefined;
  /** From `retry-after-ms` / `Retry-After` when the provider sent one. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** The only error type a {@link LanguageModel} stream throws. Retryability lives on the error. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly isRetryable: boolean;
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ModelErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.isRetryable = options.isRetryable;
    this.provider = options.provider;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}

/** Maps an HTTP status to a kind and retryability (408, 409, 429 and 5xx are retryable). */
export function classifyStatus(status: number): { kind: ModelErrorKind; isRetryable: boolean } {
  if (status === 429) return { kind: 'rate-limit', isRetryable: true };
  if (status === 408) return { kind: 'timeout', isRetryable: true };
  if (status === 409) return { kind: 'conflict', isRetryable: true };
  if (status >= 500) return { kind: 'server', isRetryable: true };
  if (status === 401 || status === 403) return { kind: 'auth', isRetryable: false };
  if (status === 404) return { kind: 'not-found', isRetryable: false };
  if (status >= 400) return { kind: 'bad-request', isRetryable: false };
  return { kind: 'unknown', isRetryable: false };
}

/**
 * Reads `retry-after-ms` (OpenAI's extension) or `Retry-After` (seconds or an HTTP date).
 * Returns undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
