import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';

const backoff = { baseMs: 100, maxMs: 1000 };
const lowest = () => 0;
const highest = () => 1;

describe('retryDelay', () => {
  it('doubles the band with every attempt: attempt n waits between base·2^(n-1) and base·2^n', () => {
    expect([1, 2, 3].map((attempt) => [retryDelay(attempt, backoff, lowest), retryDelay(attempt, backoff, highest)])).toEqual([
      [100, 200],
      [200, 400],
      [400, 800],
    ]);
  });

  it('jitters over the whole band', () => {
    expect(retryDelay(2, backoff, () => 0.5)).toBe(300);
    const samples = Array.from({ length: 2000 }, () => retryDelay(2, backoff));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...samples)).toBeLessThanOrEqual(400);
    // Spread out, not clustered: both quarters of the band get hit.
    expect(samples.some((delay) => delay < 250)).toBe(true);
    expect(samples.some((delay) => delay > 350)).toBe(true);
  });

  it('never waits less than baseMs, and below the cap later attempts never wait less than earlier ones', () => {
    for (let attempt = 1; attempt < 8; attempt += 1) expect(retryDelay(attempt, backoff, lowest)).toBeGreaterThanOrEqual(100);
    // Attempts 1..3 have ceilings 200, 400, 800; attempt 4 would reach 1600 and is capped.
    for (let attempt = 1; attempt < 3; attempt += 1) {
      expect(retryDelay(attempt + 1, backoff, lowest)).toBeGreaterThanOrEqual(retryDelay(attempt, backoff, highest));
    }
  });

  it('caps at maxMs but keeps jittering below it', () => {
    expect(retryDelay(10, backoff, highest)).toBe(1000);
    expect(retryDelay(10, backoff, lowest)).toBe(500);
    expect(retryDelay(5000, backoff, highest)).toBe(1000);
  });

  it('is exactly baseMs when the cap leaves no room', () => {
    expect(retryDelay(3, { baseMs: 600, maxMs: 600 })).toBe(600);
  });
});
