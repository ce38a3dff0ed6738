import { OPERATION_DURATION_BOUNDS_MS } from '../../../platform/events/contracts/operation-timing-event.js';

/**
 * Estimates a quantile from bucket counts the way Prometheus' histogram_quantile does: find the bucket holding the
 * rank, interpolate linearly inside it. The overflow bucket ends at the observed maximum, and no estimate exceeds it.
 */
export function histogramQuantile(quantile: number, histogram: readonly number[], maxMs: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const rank = quantile * total;
  let below = 0;
  for (let index = 0; index < histogram.length; index += 1) {
    const count = histogram[index]!;
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : OPERATION_DURATION_BOUNDS_MS[index - 1]!;
      const upper = OPERATION_DURATION_BOUNDS_MS[index] ?? Math.max(maxMs, lower);
      return Math.min(maxMs, lower + ((upper - lower) * (rank - below)) / count);
    }
    below += count;
  }
  return maxMs;
}
