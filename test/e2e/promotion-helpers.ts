import { expect } from 'vitest';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import type { Role } from '../../platform/auth/principal.js';
import type { TestSupergraph } from '../support/test-supergraph.js';

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
export const PROMOTIONS = /* GraphQL */ `
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
export const CREATE_PROMOTION = /* GraphQL */ `
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

const product = (slug: string) => ({
  id: stableId(DEMO_TENANT, 'product', slug),
  priceCents: DEMO_MENU.find((item) => item.slug === slug)!.priceCents,
});
export const margherita = product('margherita');
export const lemonade = product('lemonade');

/** The pricing and promotion calls of the promotion e2e files, on the file's supergraph and staff token (both set in beforeAll). */
export function promotionActions(supergraph: () => TestSupergraph, staff: () => string) {
  let keys = 0;
  const as = (sub: string, roles: Role[] = ['customer'], tenant = DEMO_TENANT) => supergraph().token({ sub, roles, tenant });
  const errorOf = (result: { body: { errors?: any[] } }) => result.body.errors?.[0]?.extensions;
  const cart = (promoCode: string | null, items = [{ productId: margherita.id, quantity: 2 }]) => ({ items, promoCode });
  const order = (token: string, input: ReturnType<typeof cart>, key = `promo-order-${++keys}`) =>
    supergraph().request(CREATE_ORDER, { input, key }, { token });
  const quote = (token: string, input: ReturnType<typeof cart>) => supergraph().request(QUOTE, { input }, { token });
  const createPromotion = async (input: Record<string, unknown>) => {
    const result = await supergraph().request(CREATE_PROMOTION, { input }, { token: staff() });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createPromotion;
  };
  const promotion = async (code: string) =>
    (await supergraph().request(PROMOTIONS, {}, { token: staff() })).body.data.promotions.find((row: any) => row.code === code);
  return { as, errorOf, cart, order, quote, createPromotion, promotion };
}
