import { expect } from 'vitest';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import type { Role } from '../../platform/auth/principal.js';
import type { TestSupergraph } from '../support/test-supergraph.js';

export const ORDER_FIELDS = 'id status version customerId subtotalCents discountCents taxCents totalCents promoCode createdAt';
export const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) { createOrder(input: $input, idempotencyKey: $key) { ${ORDER_FIELDS} } }
`;
export const UPDATE_STATUS = /* GraphQL */ `
  mutation Move($id: ID!, $status: OrderStatus!, $version: Int!) {
    updateOrderStatus(id: $id, status: $status, expectedVersion: $version) {
      id
      status
      version
    }
  }
`;
export const ORDERS = /* GraphQL */ `
  query Orders($first: Int, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          id
          status
          customerId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      version
    }
  }
`;

export const margherita = stableId(DEMO_TENANT, 'product', 'margherita');
export const margheritaPrice = DEMO_MENU.find((item) => item.slug === 'margherita')!.priceCents;

/** The order calls of the order e2e files, on the file's supergraph (a getter: it starts in beforeAll). */
export function orderActions(supergraph: () => TestSupergraph) {
  let keys = 0;
  const as = (sub: string, roles: Role[] = ['customer'], tenant = DEMO_TENANT) => supergraph().token({ sub, roles, tenant });
  const errorOf = (result: { body: { errors?: any[] } }) => result.body.errors?.[0]?.extensions;
  const place = async (token: string, quantity = 1) => {
    const result = await supergraph().request(
      CREATE_ORDER,
      { input: { items: [{ productId: margherita, quantity }] }, key: `lifecycle-${++keys}` },
      { token },
    );
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createOrder as { id: string; status: string; version: number; totalCents: number };
  };
  const move = (token: string, id: string, status: string, version: number) =>
    supergraph().request(UPDATE_STATUS, { id, status, version }, { token });
  return { as, errorOf, place, move };
}
