import { appError } from '../../../platform/errors.js';
import { basisPointsOf } from '../pricing/pricing.js';
import type { Promotion } from './promotion.entity.js';

/** What the rules read of a promotion (a row, or the same columns read in a transaction). */
export type PromotionTerms = Pick<
  Promotion,
  | 'code'
  | 'kind'
  | 'value'
  | 'minSubtotalCents'
  | 'validFrom'
  | 'validUntil'
  | 'maxRedemptions'
  | 'maxRedemptionsPerCustomer'
  | 'redemptions'
  | 'active'
>;

export const PROMO_CODE_PATTERN = /^[A-Z0-9_-]{3,32}$/;

/** Codes are case-insensitive: stored and compared upper-case, surrounding spaces ignored. */
export function normalizePromoCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Checks a promotion for an order with `subtotalCents` at `now`, throwing the error a customer should see. An inactive
 * promotion is reported as not found: a customer cannot tell a switched-off code from one that never existed.
 * `redemptions` is only advisory here; the atomic claim in promotion-ledger.ts decides.
 */
export function checkPromotion(
  promotion: PromotionTerms | null,
  code: string,
  { now, subtotalCents }: { now: Date; subtotalCents: number },
): asserts promotion is PromotionTerms {
  if (!promotion || !promotion.active)
    throw appError('PROMO_NOT_FOUND', `There is no active promotion with the code ${code}`, { promoCode: code });
  if (promotion.validFrom && now < promotion.validFrom) {
    throw appError('PROMO_NOT_YET_VALID', `${promotion.code} is valid from ${promotion.validFrom.toISOString()}`, {
      promoCode: promotion.code,
      validFrom: promotion.validFrom.toISOString(),
    });
  }
  if (promotion.validUntil && now >= promotion.validUntil) {
    throw appError('PROMO_EXPIRED', `${promotion.code} expired on ${promotion.validUntil.toISOString()}`, {
      promoCode: promotion.code,
      validUntil: promotion.validUntil.toISOString(),
    });
  }
  if (subtotalCents < promotion.minSubtotalCents) {
    throw appError('PROMO_MIN_SUBTOTAL', `${promotion.code} needs a subtotal of at least ${promotion.minSubtotalCents} cents`, {
      promoCode: promotion.code,
      requiredSubtotalCents: promotion.minSubtotalCents,
      subtotalCents,
    });
  }
  if (promotion.maxRedemptions != null && promotion.redemptions >= promotion.maxRedemptions) throw exhausted(promotion.code);
}

export function exhausted(code: string) {
  return appError('PROMO_EXHAUSTED', `${code} has been used up`, { promoCode: code });
}

/** `used` counts the customer's live (not given back) redemptions of the promotion. */
export function checkCustomerLimit(promotion: Pick<PromotionTerms, 'code' | 'maxRedemptionsPerCustomer'>, used: number): void {
  const limit = promotion.maxRedemptionsPerCustomer;
  if (limit != null && used >= limit) {
    throw appError(
      'PROMO_CUSTOMER_LIMIT',
      `You have already used ${promotion.code} ${used === 1 ? 'once' : `${used} times`}; the limit is ${limit}`,
      {
        promoCode: promotion.code,
        limit,
      },
    );
  }
}

/** PERCENT: basis points of the subtotal, rounded half-up; FIXED: cents. Never more than the subtotal. */
export function discountFor(promotion: Pick<PromotionTerms, 'kind' | 'value'>, subtotalCents: number): number {
  const discount = promotion.kind === 'PERCENT' ? basisPointsOf(subtotalCents, promotion.value) : promotion.value;
  return Math.min(discount, subtotalCents);
}

export function isPromotionError(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && code.startsWith('PROMO_');
}
