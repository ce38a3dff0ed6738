import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkCustomerLimit, checkPromotion, discountFor, normalizePromoCode, type PromotionTerms } from './promotion-rules.js';

const now = new Date('2026-11-20T12:00:00Z');
const promo = (overrides: Partial<PromotionTerms> = {}): PromotionTerms => ({
  code: 'WELCOME10',
  kind: 'PERCENT',
  value: 1000,
  minSubtotalCents: 1500,
  validFrom: null,
  validUntil: null,
  maxRedemptions: null,
  maxRedemptionsPerCustomer: null,
  redemptions: 0,
  active: true,
  ...overrides,
});

function errorOf(action: () => void): Record<string, unknown> | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as GraphQLError).extensions as Record<string, unknown>;
  }
}
const check = (terms: PromotionTerms | null, subtotalCents = 2000) =>
  errorOf(() => checkPromotion(terms, 'WELCOME10', { now, subtotalCents }));

describe('promotion validation', () => {
  it('accepts a live promotion whose minimum is met (the minimum itself included)', () => {
    expect(check(promo())).toBeUndefined();
    expect(check(promo(), 1500)).toBeUndefined();
  });

  it('treats unknown and inactive codes alike', () => {
    expect(check(null)).toMatchObject({ code: 'PROMO_NOT_FOUND', promoCode: 'WELCOME10' });
    expect(check(promo({ active: false }))).toMatchObject({ code: 'PROMO_NOT_FOUND' });
  });

  it('checks the validity window: from is inclusive, until exclusive', () => {
    expect(check(promo({ validFrom: new Date('2026-12-01T00:00:00Z') }))).toMatchObject({
      code: 'PROMO_NOT_YET_VALID',
      validFrom: '2026-12-01T00:00:00.000Z',
    });
    expect(check(promo({ validFrom: now }))).toBeUndefined();
    expect(check(promo({ validUntil: now }))).toMatchObject({ code: 'PROMO_EXPIRED', validUntil: now.toISOString() });
    expect(check(promo({ validUntil: new Date(now.getTime() + 1) }))).toBeUndefined();
  });

  it('names the required subtotal', () => {
    expect(check(promo(), 1499)).toMatchObject({ code: 'PROMO_MIN_SUBTOTAL', requiredSubtotalCents: 1500, subtotalCents: 1499 });
  });

  it('reports a used-up promotion', () => {
    expect(check(promo({ maxRedemptions: 3, redemptions: 3 }))).toMatchObject({ code: 'PROMO_EXHAUSTED' });
    expect(check(promo({ maxRedemptions: 3, redemptions: 2 }))).toBeUndefined();
  });

  it('limits uses per customer', () => {
    expect(errorOf(() => checkCustomerLimit(promo({ maxRedemptionsPerCustomer: 1 }), 1))).toMatchObject({
      code: 'PROMO_CUSTOMER_LIMIT',
      limit: 1,
    });
    expect(errorOf(() => checkCustomerLimit(promo({ maxRedemptionsPerCustomer: 2 }), 1))).toBeUndefined();
    expect(errorOf(() => checkCustomerLimit(promo(), 99))).toBeUndefined();
  });

  it('normalises codes case-insensitively', () => {
    expect(normalizePromoCode('  welcome10 ')).toBe('WELCOME10');
  });
});

describe('discounts', () => {
  it('takes basis points of the subtotal, rounded half-up', () => {
    expect(discountFor({ kind: 'PERCENT', value: 1000 }, 2900)).toBe(290);
    expect(discountFor({ kind: 'PERCENT', value: 1000 }, 1995)).toBe(200); // 199.5 -> 200
    expect(discountFor({ kind: 'PERCENT', value: 1250 }, 1003)).toBe(125); // 125.375 -> 125
  });

  it('never exceeds the subtotal', () => {
    expect(discountFor({ kind: 'FIXED', value: 500 }, 400)).toBe(400);
    expect(discountFor({ kind: 'FIXED', value: 500 }, 2000)).toBe(500);
    expect(discountFor({ kind: 'PERCENT', value: 10_000 }, 777)).toBe(777);
  });
});
