import { describe, expect, it } from 'vitest';
import { durationBucket } from '../../../platform/events/contracts/operation-timing-event.js';
import { histogramQuantile } from './histogram-quantile.js';

const histogram = (durations: number[]) => {
  const counts = new Array(12).fill(0);
  for (const duration of durations) counts[durationBucket(duration)] += 1;
  return counts;
};

describe('histogramQuantile', () => {
  it('interpolates inside the bucket that holds the rank', () => {
    // 10 calls in (50, 100]: the median's rank 5 is half-way through it -> 75; p95's rank 9.5 -> 97.5.
    const counts = histogram(new Array(10).fill(80));
    expect(histogramQuantile(0.5, counts, 100)).toBe(75);
    expect(histogramQuantile(0.95, counts, 100)).toBe(97.5);
  });

  it('never exceeds the observed maximum and ends the overflow bucket there', () => {
    expect(histogramQuantile(0.95, histogram(new Array(10).fill(80)), 80)).toBe(80);
    // 19 fast calls and one of 30 s: p95's rank 19 is the last fast one (upper bound 5), the max stays 30000.
    const counts = histogram([...new Array(19).fill(3), 30_000]);
    expect(histogramQuantile(0.95, counts, 30_000)).toBe(5);
    expect(histogramQuantile(1, counts, 30_000)).toBe(30_000);
    expect(histogramQuantile(0.5, histogram([]), 0)).toBe(0);
  });
});
