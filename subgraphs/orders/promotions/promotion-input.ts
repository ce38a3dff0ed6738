import { appError, ErrorCode } from '../../../platform/errors.js';
import { FULL_BASIS_POINTS, MAX_CENTS } from '../pricing/pricing.js';
import type { PromotionKind } from './promotion.entity.js';
import { normalizePromoCode, PROMO_CODE_PATTERN } from './promotion-rules.js';

export interface PromotionInput {
  code: string;
  kind: PromotionKind;
  value: number;
  minSubtotalCents?: number | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  maxRedemptions?: number | null;
  maxRedemptionsPerCustomer?: number | null;
  active?: boolean | null;
}

export type ValidPromotionInput = Required<{ [K in keyof PromotionInput]: Exclude<PromotionInput[K], undefined> }> & {
  minSubtotalCents: number;
  active: boolean;
};

/** Checks a new promotion and fills in the defaults; the table's constraints repeat these rules. */
export function validatePromotionInput(input: PromotionInput): ValidPromotionInput {
  const code = normalizePromoCode(input.code);
  const invalid = (argumentName: string, message: string) => appError(ErrorCode.BadUserInput, message, { argumentName });
  if (!PROMO_CODE_PATTERN.test(code)) throw invalid('code', 'code must be 3-32 letters, digits, "_" or "-"');
  const maxValue = input.kind === 'PERCENT' ? FULL_BASIS_POINTS : MAX_CENTS;
  if (!Number.isInteger(input.value) || input.value < 1 || input.value > maxValue) {
    throw invalid(
      'value',
      input.kind === 'PERCENT' ? 'value must be 1-10000 basis points for PERCENT' : 'value must be at least 1 cent for FIXED',
    );
  }
  const minSubtotalCents = input.minSubtotalCents ?? 0;
  if (minSubtotalCents < 0) throw invalid('minSubtotalCents', 'minSubtotalCents cannot be negative');
  const validFrom = input.validFrom ?? null;
  const validUntil = input.validUntil ?? null;
  if (validFrom && validUntil && validFrom >= validUntil) throw invalid('validUntil', 'validUntil must be after validFrom');
  for (const name of ['maxRedemptions', 'maxRedemptionsPerCustomer'] as const) {
    const limit = input[name];
    if (limit != null && limit < 1) throw invalid(name, `${name} must be at least 1 (or null for no limit)`);
  }
  return {
    code,
    kind: input.kind,
    value: input.value,
    minSubtotalCents,
    validFrom,
    validUntil,
    maxRedemptions: input.maxRedemptions ?? null,
    maxRedemptionsPerCustomer: input.maxRedemptionsPerCustomer ?? null,
    active: input.active ?? true,
  };
}
