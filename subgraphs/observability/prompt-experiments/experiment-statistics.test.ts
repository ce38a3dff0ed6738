import { describe, expect, it } from 'vitest';
import { normalCdf, sampleSizeForMeans, sampleSizeForProportions, twoProportionZTest, welchZTest } from './experiment-statistics.js';

describe('normalCdf', () => {
  it('matches standard normal tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalCdf(2.575829)).toBeCloseTo(0.995, 6);
  });
});

describe('twoProportionZTest', () => {
  it('gives the hand-derived z and p for 60/100 vs 45/100', () => {
    // pooled p = 105/200 = 0.525; se = sqrt(0.525·0.475·(2/100)) = 0.0706222; z = 0.15 / 0.0706222 = 2.123977;
    // two-sided p = erfc(2.123977/√2) = 0.033672 (Python's math.erfc).
    const result = twoProportionZTest(60, 100, 45, 100)!;
    expect(result.z).toBeCloseTo(2.123977, 5);
    expect(result.pValue).toBeCloseTo(0.033672, 5);
  });

  it('is symmetric, not significant for equal rates, and null without data or variation', () => {
    expect(twoProportionZTest(45, 100, 60, 100)!.z).toBeCloseTo(-2.123977, 5);
    expect(twoProportionZTest(30, 60, 50, 100)).toEqual({ z: 0, pValue: expect.closeTo(1, 6) });
    expect(twoProportionZTest(0, 0, 5, 10)).toBeNull();
    expect(twoProportionZTest(10, 10, 5, 5)).toBeNull();
  });
});

describe('welchZTest', () => {
  it('gives the hand-derived statistic for unequal variances', () => {
    // se = sqrt(400/50 + 900/40) = sqrt(8 + 22.5) = 5.522681; z = (120 - 100) / 5.522681 = 3.621429;
    // two-sided p = erfc(3.621429/√2) = 0.000293 (Python's math.erfc).
    const result = welchZTest({ n: 50, mean: 120, variance: 400 }, { n: 40, mean: 100, variance: 900 })!;
    expect(result.z).toBeCloseTo(3.621429, 5);
    expect(result.pValue).toBeCloseTo(0.000293, 5);
  });

  it('is null below two samples per group or without variance', () => {
    expect(welchZTest({ n: 1, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 1 })).toBeNull();
    expect(welchZTest({ n: 5, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 0 })).toBeNull();
  });
});

describe('sample sizes (alpha 0.05 two-sided, power 0.8)', () => {
  it('needs 388 per group to tell 50% from 60%', () => {
    // (1.959964·sqrt(2·0.55·0.45) + 0.841621·sqrt(0.25 + 0.24))² / 0.01 = (1.378952 + 0.589135)² / 0.01 = 387.34 -> 388.
    expect(sampleSizeForProportions(0.5, 0.6)).toBe(388);
    expect(sampleSizeForProportions(0.6, 0.5)).toBe(388);
    expect(sampleSizeForProportions(0.3, 0.3)).toBeNull();
  });

  it('needs 63 per group for half a standard deviation (the textbook effect size 0.5)', () => {
    // 2·(1.959964 + 0.841621)²·1 / 0.25 = 2·7.848879 / 0.25 = 62.79 -> 63.
    expect(sampleSizeForMeans(0.5, 1)).toBe(63);
    expect(sampleSizeForMeans(10, 20)).toBe(63);
    expect(sampleSizeForMeans(0, 1)).toBeNull();
  });
});
