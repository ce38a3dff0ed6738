import { RetryableError, type RetryableErrorOptions } from '../../../platform/retryable-error.js';

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
export class EmbeddingError extends RetryableError {
  override readonly name = 'EmbeddingError';
  readonly code: EmbeddingErrorCode;

  constructor(code: EmbeddingErrorCode, message: string, options: RetryableErrorOptions = {}) {
    super(message, options);
    this.code = code;
  }
}
