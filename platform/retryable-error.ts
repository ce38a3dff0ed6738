/** What every failed call to another service (a model, an embedder, a reranker) says about trying again. */
export interface RetryableErrorOptions {
  /** Whether the same request may succeed if sent again (network, 408, 409, 429, 5xx, timeouts). @default false */
  isRetryable?: boolean | undefined;
  /** The HTTP status, when the service answered. */
  status?: number | undefined;
  /** From `retry-after-ms` / `Retry-After` when the service sent one. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * The one retryable-error shape: subclasses add their own `code` or `kind`, and retry policies read only these
 * fields, so a model, embedding or rerank failure is retried by the same rules.
 */
export abstract class RetryableError extends Error {
  readonly isRetryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: RetryableErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.isRetryable = options.isRetryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The AI SDK's rule: request timeouts, conflicts, rate limits and server errors are worth retrying. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true; // no response at all: connection refused, reset, timeout
  return status === 408 || status === 409 || status === 429 || status >= 500;
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
