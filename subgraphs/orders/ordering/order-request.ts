import { createHash } from 'node:crypto';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { normalizePromoCode } from '../promotions/promotion-rules.js';

export interface OrderItemRequest {
  productId: string;
  quantity: number;
  notes?: string | null;
}

/** A cart as createOrder and quote receive it. */
export interface OrderRequest {
  items: OrderItemRequest[];
  promoCode?: string | null;
}

/** Validated, with notes trimmed (blank -> null) and the promo code upper-cased (blank -> null). */
export interface NormalizedOrderRequest {
  items: { productId: string; quantity: number; notes: string | null }[];
  promoCode: string | null;
}

const MAX_LINES = 50;
const MAX_QUANTITY = 99;
const MAX_NOTES = 500;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function normalizeOrderRequest(request: OrderRequest): NormalizedOrderRequest {
  const { items } = request;
  if (items.length === 0 || items.length > MAX_LINES) throw appError(ErrorCode.BadUserInput, `An order needs 1 to ${MAX_LINES} items`);
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw appError(ErrorCode.BadUserInput, `quantity must be between 1 and ${MAX_QUANTITY}`, { productId: item.productId });
    }
    if (item.notes && item.notes.length > MAX_NOTES) throw appError(ErrorCode.BadUserInput, `notes are limited to ${MAX_NOTES} characters`);
  }
  return {
    items: items.map((item) => ({ productId: item.productId, quantity: item.quantity, notes: item.notes?.trim() || null })),
    promoCode: request.promoCode ? normalizePromoCode(request.promoCode) || null : null,
  };
}

export function validateIdempotencyKey(idempotencyKey: string): void {
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw appError(ErrorCode.BadUserInput, 'idempotencyKey must be 8-128 characters of letters, digits, ".", "_", ":" or "-"', {
      argumentName: 'idempotencyKey',
    });
  }
}

/**
 * What "the same payload" means for an idempotency key: items (with trimmed notes) and the normalised promo code.
 * Without a promo code the hash is the one orders had before promotions existed, so their keys still replay.
 */
export function hashOrderRequest(request: NormalizedOrderRequest): string {
  const items = request.items.map((item) => [item.productId, item.quantity, item.notes]);
  const canonical = request.promoCode ? { items, promoCode: request.promoCode } : items;
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
