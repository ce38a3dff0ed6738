/** Stable codes for reranking failures. */
export const RerankErrorCode = {
  /** The endpoint answered with an error status or could not be reached. */
  RequestFailed: 'RERANK_REQUEST_FAILED',
  /** No answer within the per-request timeout. */
  Timeout: 'RERANK_TIMEOUT',
  /** The caller's signal aborted the call. */
  Aborted: 'RERANK_ABORTED',
  /** The endpoint answered 2xx with a body that does not score every candidate. */
  InvalidResponse: 'RERANK_INVALID_RESPONSE',
} as const;
export type RerankErrorCode = (typeof RerankErrorCode)[keyof typeof RerankErrorCode];

/** A failed rerank call. `isRetryable` says whether the same request may succeed later (429, 5xx, network, timeout). */
export class RerankError extends Error {
  override readonly name = 'RerankError';
  readonly code: RerankErrorCode;
  readonly isRetryable: boolean;
  readonly status: number | undefined;
  /** From `Retry-After(-ms)` when the endpoint sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: RerankErrorCode,
    message: string,
    options: { isRetryable?: boolean; status?: number | undefined; retryAfterMs?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
