import { describe, expect, it } from 'vitest';
import { decideAfterFailure, resolveRetryPolicy } from './retry-policy.js';

describe('resolveRetryPolicy', () => {
  it('defaults to 5 attempts and 200 ms .. 30 s backoff', () => {
    expect(resolveRetryPolicy({})).toEqual({ maxAttempts: 5, retryBackoff: { baseMs: 200, maxMs: 30_000 } });
  });

  it('fills one backoff bound from the other', () => {
    expect(resolveRetryPolicy({ retryBackoff: { baseMs: 60_000 } }).retryBackoff).toEqual({ baseMs: 60_000, maxMs: 60_000 });
    expect(resolveRetryPolicy({ retryBackoff: { maxMs: 1000 } }).retryBackoff).toEqual({ baseMs: 200, maxMs: 1000 });
  });

  it('rejects settings that would retry forever or never wait', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxAttempts: 2.5 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ retryBackoff: { baseMs: 0 } })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ retryBackoff: { baseMs: 100, maxMs: 50 } })).toThrow(RangeError);
  });
});

describe('decideAfterFailure', () => {
  const policy = resolveRetryPolicy({ maxAttempts: 3, retryBackoff: { baseMs: 10, maxMs: 100 } });

  it('retries until the last attempt, then gives up', () => {
    expect(decideAfterFailure(1, policy, () => 0)).toEqual({ kind: 'retry', delayMs: 10 });
    expect(decideAfterFailure(2, policy, () => 0)).toEqual({ kind: 'retry', delayMs: 20 });
    expect(decideAfterFailure(3, policy)).toEqual({ kind: 'dead' });
    expect(decideAfterFailure(4, policy)).toEqual({ kind: 'dead' });
  });
});
