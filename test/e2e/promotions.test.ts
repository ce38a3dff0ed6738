import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import type { Role } from '../../platform/auth/principal.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

const TOTALS = 'subtotalCents discountCents taxCents totalCents currency';
const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) { id status version promoCode ${TOTALS} lines { productId name unitPriceCents quantity } }
  }
`;
const QUOTE = /* GraphQL */ `
  query Quote($input: CreateOrderInput!) {
    quote(input: $input) { ${TOTALS} taxRateBasisPoints promotion { code kind value } lines { productId name unitPriceCents quantity product { name } } }
  }
`;
const PROMOTIONS = /* GraphQL */ `
  {
    promotions {
      code
      kind
      value
      minSubtotalCents
      maxRedemptions
      maxRedemptionsPerCustomer
      redemptions
      active
      validUntil
    }
  }
`;
const CREATE_PROMOTION = /* GraphQL */ `
  mutation CreatePromotion($input: CreatePromotionInput!) {
    createPromotion(input: $input) {
      id
      code
      kind
      value
      redemptions
      active
    }
  }
`;
const SET_ACTIVE = /* GraphQL */ `
  mutation SetActive($code: String!, $active: Boolean!) {
    setPromotionActive(code: $code, active: $active) {
      code
      active
    }
  }
`;
const UPDATE_STATUS = /* GraphQL */ `
  mutation Move($id: ID!, $status: OrderStatus!, $version: Int!) {
    updateOrderStatus(id: $id, status: $status, expectedVersion: $version) {
      status
      version
    }
  }
`;

const product = (slug: string) => ({
  id: stableId(DEMO_TENANT, 'product', slug),
  priceCents: DEMO_MENU.find((item) => item.slug === slug)!.priceCents,
});
const margherita = product('margherita');
const lemonade = product('lemonade');

describe('pricing and promotions through the gateway', () => {
  let supergraph: TestSupergraph;
  let keys = 0;
  let staff: string;
  const as = (sub: string, roles: Role[] = ['customer'], tenant = DEMO_TENANT) => supergraph.token({ sub, roles, tenant });
  const errorOf = (result: { body: { errors?: any[] } }) => result.body.errors?.[0]?.extensions;
  const cart = (promoCode: string | null, items = [{ productId: margherita.id, quantity: 2 }]) => ({ items, promoCode });
  const order = (token: string, input: ReturnType<typeof cart>, key = `promo-order-${++keys}`) =>
    supergraph.request(CREATE_ORDER, { input, key }, { token });
  const quote = (token: string, input: ReturnType<typeof cart>) => supergraph.request(QUOTE, { input }, { token });
  const createPromotion = async (input: Record<string, unknown>) => {
    const result = await supergraph.request(CREATE_PROMOTION, { input }, { token: staff });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createPromotion;
  };
  const promotion = async (code: string) =>
    (await supergraph.request(PROMOTIONS, {}, { token: staff })).body.data.promotions.find((row: any) => row.code === code);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    staff = await as('sam', ['staff']);
  });
  afterAll(() => supergraph?.close());

  it('quotes a cart exactly as createOrder then prices it: discount, then 10% tax on the discounted subtotal', async () => {
    const token = await as('quote-customer');
    const input = cart('welcome10', [
      { productId: margherita.id, quantity: 2 },
      { productId: lemonade.id, quantity: 1 },
    ]);
    const quoted = await quote(token, input);
    expect(quoted.body.errors).toBeUndefined();
    const subtotal = 2 * margherita.priceCents + lemonade.priceCents; // 2900
    const discount = Math.round(subtotal / 10); // 290
    const tax = Math.round((subtotal - discount) / 10); // 261
    expect(quoted.body.data.quote).toEqual({
      subtotalCents: subtotal,
      discountCents: discount,
      taxCents: tax,
      totalCents: subtotal - discount + tax,
      currency: 'EUR',
      taxRateBasisPoints: 1000,
      promotion: { code: 'WELCOME10', kind: 'PERCENT', value: 1000 },
      lines: [
        {
          productId: margherita.id,
          name: 'Margherita Pizza',
          unitPriceCents: margherita.priceCents,
          quantity: 2,
          product: { name: 'Margherita Pizza' },
        },
        {
          productId: lemonade.id,
          name: 'Homemade Lemonade',
          unitPriceCents: lemonade.priceCents,
          quantity: 1,
          product: { name: 'Homemade Lemonade' },
        },
      ],
    });
    expect((await promotion('WELCOME10')).redemptions).toBe(0); // a quote reserves nothing

    const created = await order(token, input);
    expect(created.body.errors).toBeUndefined();
    const { lines, ...totals } = created.body.data.createOrder;
    const { lines: quotedLines, taxRateBasisPoints: _rate, promotion: _promotion, ...quotedTotals } = quoted.body.data.quote;
    expect(totals).toMatchObject({ ...quotedTotals, promoCode: 'WELCOME10', status: 'PENDING' });
    expect(lines).toEqual(quotedLines.map(({ product: _product, ...line }: any) => line));

    const fixed = await quote(token, cart('FIVEOFF', [{ productId: lemonade.id, quantity: 1 }]));
    expect(fixed.body.data.quote).toMatchObject({ subtotalCents: 400, discountCents: 400, taxCents: 0, totalCents: 0 }); // capped at the subtotal
  });

  it('explains every promotion refusal with a stable code', async () => {
    const token = await as('refused-customer');
    await createPromotion({ code: 'later', kind: 'FIXED', value: 100, validFrom: new Date(Date.now() + 86_400_000).toISOString() });
    await createPromotion({ code: 'ONCE-ONLY', kind: 'FIXED', value: 100, maxRedemptions: 1 });
    const cases: [string | null, Record<string, unknown>, { productId: string; quantity: number }[]?][] = [
      ['NOPE', { code: 'PROMO_NOT_FOUND', promoCode: 'NOPE' }],
      ['SUMMER23', { code: 'PROMO_EXPIRED', validUntil: '2023-09-01T00:00:00.000Z' }],
      ['Later', { code: 'PROMO_NOT_YET_VALID' }],
      [
        'WELCOME10',
        { code: 'PROMO_MIN_SUBTOTAL', requiredSubtotalCents: 1500, subtotalCents: lemonade.priceCents },
        [{ productId: lemonade.id, quantity: 1 }],
      ],
    ];
    for (const [code, expected, items] of cases) {
      expect(errorOf(await quote(token, cart(code, items))), `quote ${code}`).toMatchObject(expected);
      expect(errorOf(await order(token, cart(code, items))), `createOrder ${code}`).toMatchObject(expected);
    }

    expect((await order(token, cart('welcome10'))).body.errors).toBeUndefined();
    expect(errorOf(await quote(token, cart('WELCOME10')))).toMatchObject({ code: 'PROMO_CUSTOMER_LIMIT', limit: 1 });
    expect(errorOf(await order(token, cart('WELCOME10')))).toMatchObject({ code: 'PROMO_CUSTOMER_LIMIT', limit: 1 });

    expect((await order(token, cart('once-only'))).body.errors).toBeUndefined();
    const other = await as('refused-customer-2');
    expect(errorOf(await quote(other, cart('ONCE-ONLY')))?.code).toBe('PROMO_EXHAUSTED');
    expect(errorOf(await order(other, cart('ONCE-ONLY')))?.code).toBe('PROMO_EXHAUSTED');
  });

  it('lets staff and admins manage promotions, and nobody else', async () => {
    const customer = await as('plain-customer');
    expect(errorOf(await supergraph.request(PROMOTIONS, {}, { token: customer }))?.code).toBe('FORBIDDEN');
    expect(
      errorOf(await supergraph.request(CREATE_PROMOTION, { input: { code: 'MINE', kind: 'FIXED', value: 100 } }, { token: customer }))
        ?.code,
    ).toBe('FORBIDDEN');
    expect(errorOf(await supergraph.request(SET_ACTIVE, { code: 'FIVEOFF', active: false }, { token: customer }))?.code).toBe('FORBIDDEN');

    const created = await supergraph.request(
      CREATE_PROMOTION,
      { input: { code: ' spring25 ', kind: 'PERCENT', value: 2500 } },
      { token: await as('ada', ['admin']) },
    );
    expect(created.body.data.createPromotion).toMatchObject({
      code: 'SPRING25',
      kind: 'PERCENT',
      value: 2500,
      redemptions: 0,
      active: true,
    });
    expect(
      errorOf(await supergraph.request(CREATE_PROMOTION, { input: { code: 'Spring25', kind: 'FIXED', value: 100 } }, { token: staff })),
    ).toMatchObject({ code: 'PROMO_CODE_TAKEN' });
    expect(
      errorOf(
        await supergraph.request(CREATE_PROMOTION, { input: { code: 'TOO-MUCH', kind: 'PERCENT', value: 10_001 } }, { token: staff }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'value' });

    expect(
      (await supergraph.request(SET_ACTIVE, { code: 'spring25', active: false }, { token: staff })).body.data.setPromotionActive,
    ).toEqual({ code: 'SPRING25', active: false });
    expect(errorOf(await quote(customer, cart('SPRING25')))?.code).toBe('PROMO_NOT_FOUND');
    await supergraph.request(SET_ACTIVE, { code: 'SPRING25', active: true }, { token: staff });
    expect((await quote(customer, cart('SPRING25'))).body.data.quote.discountCents).toBe(Math.round(margherita.priceCents * 2 * 0.25));
    expect(errorOf(await supergraph.request(SET_ACTIVE, { code: 'NO-SUCH-CODE', active: true }, { token: staff }))?.code).toBe(
      'PROMO_NOT_FOUND',
    );

    const codes = (await supergraph.request(PROMOTIONS, {}, { token: staff })).body.data.promotions.map((row: any) => row.code);
    expect(codes).toEqual(expect.arrayContaining(['FIVEOFF', 'SPRING25', 'SUMMER23', 'WELCOME10']));
    expect(codes).toEqual([...codes].sort());
  });

  it('keeps promotions per tenant: another tenant neither sees nor uses them', async () => {
    const foreignAdmin = await as('ada', ['admin'], 'other-shop');
    expect((await supergraph.request(PROMOTIONS, {}, { token: foreignAdmin })).body.data.promotions).toEqual([]);
    expect(errorOf(await supergraph.request(SET_ACTIVE, { code: 'WELCOME10', active: false }, { token: foreignAdmin }))?.code).toBe(
      'PROMO_NOT_FOUND',
    );
    expect((await promotion('WELCOME10')).active).toBe(true);

    // Codes are unique per tenant only; a code of another tenant does not exist here.
    const theirs = await supergraph.request(
      CREATE_PROMOTION,
      { input: { code: 'WELCOME10', kind: 'FIXED', value: 9999 } },
      { token: foreignAdmin },
    );
    expect(theirs.body.errors).toBeUndefined();
    await supergraph.request(CREATE_PROMOTION, { input: { code: 'ONLY-THERE', kind: 'FIXED', value: 9999 } }, { token: foreignAdmin });
    expect((await supergraph.request(PROMOTIONS, {}, { token: foreignAdmin })).body.data.promotions.map((row: any) => row.code)).toEqual([
      'ONLY-THERE',
      'WELCOME10',
    ]);
    expect(errorOf(await quote(await as('local-customer'), cart('ONLY-THERE')))?.code).toBe('PROMO_NOT_FOUND');
    expect((await promotion('WELCOME10')).value).toBe(1000);
  });

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
