/** Stable codes for embedding failures. */
export const EmbeddingErrorCode = {
  DimensionMismatch: 'EMBEDDING_DIMENSION_MISMATCH',
  RequestFailed: 'EMBEDDING_REQUEST_FAILED',
  InvalidResponse: 'EMBEDDING_INVALID_RESPONSE',
  /** A local model (transformers.js) could not be found or loaded: missing files, no network, broken runtime. */
  ModelUnavailable: 'EMBEDDING_MODEL_UNAVAILABLE',
  /** A loaded local model failed while running inference. */
  InferenceFailed: 'EMBEDDING_INFERENCE_FAILED',
} as const;
export type EmbeddingErrorCode = (typeof EmbeddingErrorCode)[keyof typeof EmbeddingErrorCode];

/** A failed embedding call. `isRetryable` says whether trying again later may succeed (429, 5xx, network). */
export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  readonly code: EmbeddingErrorCode;
  readonly isRetryable: boolean;
  readonly status: number | undefined;

  constructor(code: EmbeddingErrorCode, message: string, options: { isRetryable?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.status = options.status;
  }
}

/** The AI SDK's rule: request timeouts, conflicts, rate limits and server errors are worth retrying. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true; // no response at all: connection refused, reset, timeout
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
