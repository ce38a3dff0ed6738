import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { CREATE_PROMOTION, lemonade, margherita, PROMOTIONS, promotionActions } from './promotion-helpers.js';

const SET_ACTIVE = /* GraphQL */ `
  mutation SetActive($code: String!, $active: Boolean!) {
    setPromotionActive(code: $code, active: $active) {
      code
      active
    }
  }
`;

describe('pricing and promotions through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  const { as, errorOf, cart, order, quote, createPromotion, promotion } = promotionActions(
    () => supergraph,
    () => staff,
  );

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
});
