import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { promotionActions } from './promotion-helpers.js';

const UPDATE_STATUS = /* GraphQL */ `
  mutation Move($id: ID!, $status: OrderStatus!, $version: Int!) {
    updateOrderStatus(id: $id, status: $status, expectedVersion: $version) {
      status
      version
    }
  }
`;

describe('promotion redemption limits through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  const { as, errorOf, cart, order, quote, createPromotion, promotion } = promotionActions(
    () => supergraph,
    () => staff,
  );

  beforeAll(async () => {
    // 100 concurrent retries of one order by one customer: past the default createOrder rate limit (30 a minute).
    supergraph = await startTestSupergraph({ RATE_LIMIT_ORDERS_PER_MINUTE: '1000' });
    staff = await as('sam', ['staff']);
  });
  afterAll(() => supergraph?.close());

  it('never redeems a promotion beyond its limit under concurrent orders', async () => {
    await createPromotion({ code: 'FIRST3', kind: 'FIXED', value: 300, maxRedemptions: 3 });
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => as(`rush-${i}`)));
    const results = await Promise.all(tokens.map((token) => order(token, cart('FIRST3'))));
    const codes = results.map((result) => errorOf(result)?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3);
    expect(codes.filter((code) => code !== 'OK')).toEqual(Array(17).fill('PROMO_EXHAUSTED'));
    expect((await promotion('FIRST3')).redemptions).toBe(3);
  });

  it('never lets one customer exceed their limit with concurrent orders', async () => {
    await createPromotion({ code: 'TWICE-EACH', kind: 'PERCENT', value: 500, maxRedemptionsPerCustomer: 2 });
    const token = await as('greedy-customer');
    const results = await Promise.all(Array.from({ length: 10 }, () => order(token, cart('TWICE-EACH'))));
    const codes = results.map((result) => errorOf(result)?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(2);
    expect(codes.filter((code) => code !== 'OK')).toEqual(Array(8).fill('PROMO_CUSTOMER_LIMIT'));
    expect((await promotion('TWICE-EACH')).redemptions).toBe(2);
  });

  it('replays an idempotent order with its promotion and uses the promotion once, even for 100 concurrent calls', async () => {
    await createPromotion({ code: 'SOLO', kind: 'FIXED', value: 250, maxRedemptions: 1 });
    const token = await as('retrying-customer');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => order(token, cart(i % 2 ? 'solo' : 'SOLO'), 'promo-retry-key-1')),
    );
    expect(results.flatMap((result) => result.body.errors ?? [])).toEqual([]);
    expect(new Set(results.map((result) => result.body.data.createOrder.id)).size).toBe(1);
    expect(results[0]!.body.data.createOrder).toMatchObject({ promoCode: 'SOLO', discountCents: 250 });
    expect((await promotion('SOLO')).redemptions).toBe(1);
    // The same key with another promo code (or none) is another payload.
    expect(errorOf(await order(token, cart(null), 'promo-retry-key-1'))?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(errorOf(await order(token, cart('FIVEOFF'), 'promo-retry-key-1'))?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives the promotion use back when the order is cancelled', async () => {
    await createPromotion({ code: 'LAST-ONE', kind: 'FIXED', value: 200, maxRedemptions: 1, maxRedemptionsPerCustomer: 1 });
    const first = await as('cancelling-customer');
    const second = await as('waiting-customer');
    const placed = (await order(first, cart('LAST-ONE'))).body.data.createOrder;
    expect(errorOf(await order(second, cart('LAST-ONE')))?.code).toBe('PROMO_EXHAUSTED');

    const cancelled = await supergraph.request(UPDATE_STATUS, { id: placed.id, status: 'CANCELLED', version: 1 }, { token: first });
    expect(cancelled.body.data.updateOrderStatus).toEqual({ status: 'CANCELLED', version: 2 });
    expect((await promotion('LAST-ONE')).redemptions).toBe(0);

    // Both the total and the customer's own allowance are free again; the cancelled order keeps its recorded discount.
    expect((await quote(first, cart('LAST-ONE'))).body.data.quote.discountCents).toBe(200);
    expect((await order(second, cart('LAST-ONE'))).body.errors).toBeUndefined();
    expect((await promotion('LAST-ONE')).redemptions).toBe(1);
  });
});
