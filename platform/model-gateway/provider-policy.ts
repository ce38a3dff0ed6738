import {
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
  type RetryPolicy,
  type IRetryBackoffContext,
  type IRetryContext,
  type ICancellationContext,
} from 'cockatiel';
import { ModelError } from './model-error.js';

export interface RetrySettings {
  /** Retries after the first request. @default 2 */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter. @default 200 */
  initialDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is treated as final and the next provider is tried. @default 10000 */
  maxRetryAfterMs?: number;
}

export interface BreakerSettings {
  /** Consecutive failed requests that open the circuit. @default 5 */
  consecutiveFailures?: number;
  /** Cool-down before a half-open trial request. @default 30000 */
  halfOpenAfterMs?: number;
}

/**
 * cockatiel 3.2.1's own `isTaskCancelledError` tests for the wrong marker property (`isBulkheadRejectedError`),
 * so it never matches a timeout. This checks the right one.
 */
export function isTaskCancelledError(error: unknown): boolean {
  return error instanceof Error && 'isTaskCancelledError' in error;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.Open:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Isolated:
      return 'isolated';
  }
}

/** Normalises what the policies throw (cockatiel's own errors included) into `ModelError`. */
export function toModelError(error: unknown, provider: string, firstTokenTimeoutMs: number): ModelError {
  if (error instanceof ModelError) return error;
  if (isBrokenCircuitError(error)) {
    return new ModelError(`${provider}: circuit open`, { kind: 'circuit-open', isRetryable: false, provider, cause: error });
  }
  if (isTaskCancelledError(error)) {
    return new ModelError(`${provider}: no output within ${firstTokenTimeoutMs}ms`, {
      kind: 'timeout',
      isRetryable: true,
      provider,
      cause: error,
    });
  }
  return new ModelError(`${provider}: unexpected error`, { kind: 'unknown', isRetryable: false, provider, cause: error });
}

export interface ProviderPolicy {
  /** retry → circuit breaker → first-token timeout. */
  policy: IPolicy<ICancellationContext & IRetryContext>;
  breaker: CircuitBreakerPolicy;
  retry: RetryPolicy;
}

/**
 * Builds retry(circuit breaker(timeout)) for one provider. Build it ONCE per provider and share it:
 * a breaker only protects anything if every call goes through the same instance.
 *
 * The policy guards the phase up to the first stream part; see `model-gateway.ts`.
 */
export function createProviderPolicy(
  retrySettings: RetrySettings,
  breakerSettings: BreakerSettings,
  firstTokenTimeoutMs: number,
): ProviderPolicy {
  const initialDelayMs = retrySettings.initialDelayMs ?? 200;
  const maxDelayMs = retrySettings.maxDelayMs ?? 5_000;
  const maxRetryAfterMs = retrySettings.maxRetryAfterMs ?? 10_000;

  const isProviderFault = (error: Error): boolean => isTaskCancelledError(error) || (error instanceof ModelError && error.isRetryable);

  const retryPolicy = retry(
    handleWhen((error) => isProviderFault(error) && !(error instanceof ModelError && (error.retryAfterMs ?? 0) > maxRetryAfterMs)),
    {
      maxAttempts: retrySettings.maxRetries ?? 2,
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
        const error = 'error' in context.result ? context.result.error : undefined;
        if (error instanceof ModelError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, maxRetryAfterMs);
        const exponential = Math.min(maxDelayMs, initialDelayMs * 2 ** (context.attempt - 1));
        return exponential / 2 + Math.random() * (exponential / 2);
      }),
    },
  );
  // Only provider-side faults count against the breaker: a 400 is our request's fault, not the provider's health.
  const breaker = circuitBreaker(handleWhen(isProviderFault), {
    halfOpenAfter: breakerSettings.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(breakerSettings.consecutiveFailures ?? 5),
  });
  // Aggressive: a hung provider is abandoned at the deadline even if it ignores the abort signal.
  // abortOnReturn false: the signal must stay live after the first part, while the rest streams.
  const firstToken = timeout(firstTokenTimeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });

  return { policy: wrap(retryPolicy, breaker, firstToken), breaker, retry: retryPolicy };
}
