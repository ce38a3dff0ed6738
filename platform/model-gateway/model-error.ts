import { RetryableError, type RetryableErrorOptions } from '../retryable-error.js';

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

export interface ModelErrorOptions extends RetryableErrorOptions {
  kind: ModelErrorKind;
  isRetryable: boolean;
  provider?: string | undefined;
}

/** The only error type a {@link LanguageModel} stream throws. Retryability lives on the error. */
export class ModelError extends RetryableError {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly provider: string | undefined;

  constructor(message: string, options: ModelErrorOptions) {
    super(message, options);
    this.kind = options.kind;
    this.provider = options.provider;
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
