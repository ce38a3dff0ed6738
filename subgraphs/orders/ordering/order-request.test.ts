import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashOrderRequest, normalizeOrderRequest, validateIdempotencyKey } from './order-request.js';

const productId = '6f1c2f8e-8d1b-4c1e-9f0a-0d5b7b7f1a11';

describe('order requests', () => {
  it('normalises notes and promo codes', () => {
    expect(normalizeOrderRequest({ items: [{ productId, quantity: 2, notes: '  no basil ' }], promoCode: ' welcome10 ' })).toEqual({
      items: [{ productId, quantity: 2, notes: 'no basil' }],
      promoCode: 'WELCOME10',
    });
    expect(normalizeOrderRequest({ items: [{ productId, quantity: 1, notes: '   ' }], promoCode: '  ' })).toEqual({
      items: [{ productId, quantity: 1, notes: null }],
      promoCode: null,
    });
  });

  it('refuses empty carts, odd quantities and bad keys', () => {
    expect(() => normalizeOrderRequest({ items: [] })).toThrow(/1 to 50 items/);
    expect(() => normalizeOrderRequest({ items: [{ productId, quantity: 0 }] })).toThrow(/quantity/);
    expect(() => normalizeOrderRequest({ items: [{ productId, quantity: 1.5 }] })).toThrow(/quantity/);
    expect(() => validateIdempotencyKey('short')).toThrow(/idempotencyKey/);
    expect(() => validateIdempotencyKey('a-fine-key-123')).not.toThrow();
  });

  it('hashes a cart without promo code as before promotions existed, so stored keys still replay', () => {
    const request = normalizeOrderRequest({ items: [{ productId, quantity: 2, notes: ' extra hot ' }] });
    const before = createHash('sha256')
      .update(JSON.stringify([[productId, 2, 'extra hot']]))
      .digest('hex');
    expect(hashOrderRequest(request)).toBe(before);
  });

  it('treats the promo code as part of the payload, whatever its case', () => {
    const hash = (promoCode: string | null) => hashOrderRequest(normalizeOrderRequest({ items: [{ productId, quantity: 1 }], promoCode }));
    expect(hash('fiveoff')).toBe(hash('FIVEOFF'));
    expect(hash('FIVEOFF')).not.toBe(hash(null));
    expect(hash('FIVEOFF')).not.toBe(hash('WELCOME10'));
  });
});
