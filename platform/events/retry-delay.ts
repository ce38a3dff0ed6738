import type { RetryBackoff } from './event-bus.js';

/**
 * Delay before retrying after failed attempt `attempt` (1-based): uniform in `[ceiling/2, ceiling]`, where
 * `ceiling = min(maxMs, baseMs·2^attempt)`, and never below `baseMs` (unless `maxMs` is smaller).
 *
 * Why not AWS-style "full jitter" (uniform in `[0, ceiling]`): it may retry at once and a later attempt may wait
 * less than an earlier one, while the bus promises every retry waits at least `baseMs` and that waits grow. Jittering
 * over the upper half still spreads a burst of failures (e.g. a downstream outage) across half the window, so they
 * do not come back in lockstep, and below the cap the bands of successive attempts do not overlap. At the cap the band
 * stays `[maxMs/2, maxMs]` rather than collapsing to `maxMs`: long outages are where lockstep retries hurt most.
 *
 * `random` is injectable so tests can pin the jitter.
 */
export function retryDelay(attempt: number, { baseMs, maxMs }: RetryBackoff, random: () => number = Math.random): number {
  // 2^attempt overflows to Infinity for huge attempts, which the min() turns back into maxMs.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(1, attempt));
  const floor = Math.min(ceiling, Math.max(baseMs, ceiling / 2));
  return Math.round(floor + random() * (ceiling - floor));
}
