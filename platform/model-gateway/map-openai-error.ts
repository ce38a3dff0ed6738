import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfter } from '../retryable-error.js';
import { classifyStatus, ModelError } from './model-error.js';

const CONNECTION_LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

/** Turns anything the openai SDK (or fetch underneath it) throws into a `ModelError`. */
export function mapOpenAIError(error: unknown, provider: string): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof APIUserAbortError) {
    return new ModelError(`${provider}: request aborted`, { kind: 'aborted', isRetryable: false, provider, cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelError(`${provider}: request timed out`, { kind: 'timeout', isRetryable: true, provider, cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ModelError(`${provider}: connection error`, { kind: 'network', isRetryable: true, provider, cause: error });
  }
  if (error instanceof APIError) {
    if (error.status === undefined) {
      // An `error` event inside the SSE stream: the provider failed mid-generation.
      return new ModelError(`${provider}: ${error.message}`, { kind: 'server', isRetryable: true, provider, cause: error });
    }
    const { kind, isRetryable } = classifyStatus(error.status);
    return new ModelError(`${provider}: HTTP ${error.status}`, {
      kind,
      isRetryable,
      provider,
      status: error.status,
      retryAfterMs: parseRetryAfter(error.headers),
      cause: error,
    });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new ModelError(`${provider}: request aborted`, { kind: 'aborted', isRetryable: false, provider, cause: error });
  }
  // undici reports a socket closed mid-body as `TypeError: terminated`; node:http (the default fetch) as `aborted` with
  // code ECONNRESET.
  if (error instanceof TypeError || (error instanceof Error && CONNECTION_LOST_CODES.has((error as NodeJS.ErrnoException).code ?? ''))) {
    return new ModelError(`${provider}: connection lost`, { kind: 'network', isRetryable: true, provider, cause: error });
  }
  if (error instanceof SyntaxError) {
    return new ModelError(`${provider}: malformed response`, { kind: 'invalid-response', isRetryable: false, provider, cause: error });
  }
  return new ModelError(`${provider}: unexpected error`, { kind: 'unknown', isRetryable: false, provider, cause: error });
}
