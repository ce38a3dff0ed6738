import { RetryableError, type RetryableErrorOptions } from '../../../platform/retryable-error.js';

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
export class RerankError extends RetryableError {
  override readonly name = 'RerankError';
  readonly code: RerankErrorCode;

  constructor(code: RerankErrorCode, message: string, options: RetryableErrorOptions = {}) {
    super(message, options);
    this.code = code;
  }
}
