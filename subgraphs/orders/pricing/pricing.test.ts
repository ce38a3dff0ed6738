import { describe, expect, it } from 'vitest';
import { basisPointsOf, computeTotals, MAX_CENTS } from './pricing.js';

const line = (unitPriceCents: number, quantity = 1) => ({ unitPriceCents, quantity });

describe('basisPointsOf', () => {
  it('rounds half-up to whole cents', () => {
    expect(basisPointsOf(1250, 1000)).toBe(125); // exact
    expect(basisPointsOf(1255, 1000)).toBe(126); // 125.5 -> 126
    expect(basisPointsOf(1254, 1000)).toBe(125); // 125.4 -> 125
    expect(basisPointsOf(1, 5000)).toBe(1); // 0.5 -> 1
    expect(basisPointsOf(1, 4999)).toBe(0);
    expect(basisPointsOf(999, 0)).toBe(0);
    expect(basisPointsOf(999, 10_000)).toBe(999);
  });

  it('stays exact at the largest amount', () => {
    expect(basisPointsOf(MAX_CENTS, 10_000)).toBe(MAX_CENTS);
    expect(basisPointsOf(MAX_CENTS, 1)).toBe(214_748);
  });
});

describe('computeTotals', () => {
  it('sums lines, taxes the subtotal and adds the tax (prices are tax-exclusive)', () => {
    expect(computeTotals([line(1250, 2), line(400)], 0, 1000)).toEqual({
      subtotalCents: 2900,
      discountCents: 0,
      taxCents: 290,
      totalCents: 3190,
    });
  });

  it('taxes the discounted subtotal, rounding once per order rather than per line', () => {
    // Per line: 0.5 + 0.5 + 0.5 would round to 3 cents; once per order 1.5 rounds to 2.
    expect(computeTotals([line(5), line(5), line(5)], 0, 1000)).toMatchObject({ taxCents: 2, totalCents: 17 });
    expect(computeTotals([line(2900)], 290, 1000)).toEqual({ subtotalCents: 2900, discountCents: 290, taxCents: 261, totalCents: 2871 });
    expect(computeTotals([line(1995)], 500, 1000)).toEqual({ subtotalCents: 1995, discountCents: 500, taxCents: 150, totalCents: 1645 }); // 149.5 -> 150
  });

  it('caps the discount at the subtotal, so totals are never negative', () => {
    expect(computeTotals([line(400)], 500, 1000)).toEqual({ subtotalCents: 400, discountCents: 400, taxCents: 0, totalCents: 0 });
    expect(computeTotals([line(400)], -5, 0)).toMatchObject({ discountCents: 0, totalCents: 400 });
  });

  it('charges no tax at 0 basis points', () => {
    expect(computeTotals([line(1234, 3)], 0, 0)).toEqual({ subtotalCents: 3702, discountCents: 0, taxCents: 0, totalCents: 3702 });
  });

  it('refuses amounts that do not fit a 32-bit integer', () => {
    expect(() => computeTotals([line(MAX_CENTS), line(1)], 0, 0)).toThrow(/too large/);
    expect(() => computeTotals([line(MAX_CENTS)], 0, 1)).toThrow(/too large/);
  });
});
