import { appError, ErrorCode } from '../../../platform/errors.js';
import type { OrderLine } from '../ordering/order.entity.js';

/** The integer columns and GraphQL `Int` are 32-bit: no amount may exceed this. */
export const MAX_CENTS = 2_147_483_647;
export const FULL_BASIS_POINTS = 10_000;

export interface OrderTotals {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

/**
 * `amountCents × basisPoints / 10 000`, rounded half-up (x.5 cents go up). Integer arithmetic only: with amounts up to
 * MAX_CENTS and at most 10 000 basis points the product stays far below 2^53.
 */
export function basisPointsOf(amountCents: number, basisPoints: number): number {
  return Math.floor((amountCents * basisPoints + FULL_BASIS_POINTS / 2) / FULL_BASIS_POINTS);
}

export function subtotalOf(lines: readonly Pick<OrderLine, 'unitPriceCents' | 'quantity'>[]): number {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  if (subtotal > MAX_CENTS) throw tooLarge();
  return subtotal;
}

/**
 * Prices are tax-exclusive. The discount is capped at the subtotal; tax is charged once per order on the discounted
 * subtotal and rounded half-up (not per line), so total = subtotal - discount + tax exactly.
 */
export function computeTotals(
  lines: readonly Pick<OrderLine, 'unitPriceCents' | 'quantity'>[],
  discountCents: number,
  taxRateBp: number,
): OrderTotals {
  const subtotalCents = subtotalOf(lines);
  const discount = Math.min(Math.max(0, discountCents), subtotalCents);
  const taxCents = basisPointsOf(subtotalCents - discount, taxRateBp);
  const totalCents = subtotalCents - discount + taxCents;
  if (totalCents > MAX_CENTS) throw tooLarge();
  return { subtotalCents, discountCents: discount, taxCents, totalCents };
}

function tooLarge() {
  return appError(ErrorCode.BadUserInput, 'This order is too large to be placed at once');
}
