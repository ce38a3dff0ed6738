import type { ConsumeOptions, RetryBackoff } from './event-bus.js';
import { retryDelay } from './retry-delay.js';

export interface RetryPolicy {
  maxAttempts: number;
  retryBackoff: RetryBackoff;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 200, maxMs: 30_000 };

/** Fills defaults and rejects settings that would retry forever or never wait, before any event is read. */
export function resolveRetryPolicy(options: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseMs = options.retryBackoff?.baseMs ?? DEFAULT_RETRY_BACKOFF.baseMs;
  // A larger base alone must not trip over the default cap.
  const maxMs = options.retryBackoff?.maxMs ?? Math.max(DEFAULT_RETRY_BACKOFF.maxMs, baseMs);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  if (!Number.isFinite(baseMs) || baseMs < 1) throw new RangeError(`retryBackoff.baseMs must be at least 1, got ${baseMs}`);
  if (!Number.isFinite(maxMs) || maxMs < baseMs)
    throw new RangeError(`retryBackoff.maxMs must be at least baseMs (${baseMs}), got ${maxMs}`);
  return { maxAttempts, retryBackoff: { baseMs, maxMs } };
}

export type FailureDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead' };

/** What to do after delivery number `attempt` (1-based) of an event failed. */
export function decideAfterFailure(attempt: number, policy: RetryPolicy, random?: () => number): FailureDecision {
  if (attempt >= policy.maxAttempts) return { kind: 'dead' };
  return { kind: 'retry', delayMs: retryDelay(attempt, policy.retryBackoff, random) };
}
