import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

const MENU = /* GraphQL */ `
  query Menu($first: Int, $after: String) {
    products(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          priceCents
          available
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
      status
      subtotalCents
      totalCents
      lines {
        name
        quantity
        product {
          name
        }
      }
    }
  }
`;
const ORDER_WITH_HELP = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      totalCents
      helpArticles {
        title
        scope
      }
    }
  }
`;

describe('queries through the gateway', () => {
  let supergraph: TestSupergraph;
  let customer: string;
  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    customer = await supergraph.token({ sub: 'alice', roles: ['customer'] });
  });
  afterAll(() => supergraph?.close());

  it('serves the seeded catalog with cursor pagination', async () => {
    const first = await supergraph.request(MENU, { first: 5 }, { token: customer });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.products.edges).toHaveLength(5);
    expect(first.body.data.products.pageInfo.hasNextPage).toBe(true);
    const rest = await supergraph.request(MENU, { first: 100, after: first.body.data.products.pageInfo.endCursor }, { token: customer });
    const names = [...first.body.data.products.edges, ...rest.body.data.products.edges].map((edge: any) => edge.node.name);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
    expect(names).toEqual([...names].sort());
  });

  it('answers a query whose fields come from two subgraphs (orders + knowledge via @requires)', async () => {
    const menu = await supergraph.request(MENU, { first: 3 }, { token: customer });
    const productId = menu.body.data.products.edges[0].node.id;
    const created = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId, quantity: 2 }] }, key: 'cross-subgraph-0001' },
      { token: customer },
    );
    expect(created.body.errors).toBeUndefined();
    const order = created.body.data.createOrder;
    expect(order).toMatchObject({ status: 'PENDING', lines: [{ quantity: 2 }] });
    expect(order.subtotalCents).toBe(2 * menu.body.data.products.edges[0].node.priceCents);

    const fetched = await supergraph.request(ORDER_WITH_HELP, { id: order.id }, { token: customer });
    expect(fetched.body.errors).toBeUndefined();
    const titles = fetched.body.data.order.helpArticles.map((article: any) => article.title);
    expect(titles).toEqual(['Allergens and dietary needs', 'Cancellation policy']);
  });

  it('keeps another tenant out: their token sees neither the order nor the catalog', async () => {
    const menu = await supergraph.request(MENU, { first: 1 }, { token: customer });
    const created = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: menu.body.data.products.edges[0].node.id, quantity: 1 }] }, key: 'isolation-0001' },
      { token: customer },
    );
    const stranger = await supergraph.token({ tenant: 'other-shop', sub: 'mallory', roles: ['admin'] });
    const order = await supergraph.request(ORDER_WITH_HELP, { id: created.body.data.createOrder.id }, { token: stranger });
    expect(order.body.data.order).toBeNull();
    const products = await supergraph.request(MENU, { first: 5 }, { token: stranger });
    expect(products.body.data.products.edges).toEqual([]);
    const sameTenantOtherCustomer = await supergraph.token({ sub: 'bob', roles: ['customer'] });
    expect(
      (await supergraph.request(ORDER_WITH_HELP, { id: created.body.data.createOrder.id }, { token: sameTenantOtherCustomer })).body.data
        .order,
    ).toBeNull();
    const staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    expect((await supergraph.request(ORDER_WITH_HELP, { id: created.body.data.createOrder.id }, { token: staff })).body.data.order.id).toBe(
      created.body.data.createOrder.id,
    );
  });

  it('returns the same order for a retried idempotency key and refuses the key for another payload', async () => {
    const menu = await supergraph.request(MENU, { first: 2 }, { token: customer });
    const [a, b] = menu.body.data.products.edges.map((edge: any) => edge.node.id);
    const input = { items: [{ productId: a, quantity: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => supergraph.request(CREATE_ORDER, { input, key: 'retry-key-0001' }, { token: customer })),
    );
    expect(new Set(results.map((result) => result.body.data?.createOrder.id)).size).toBe(1);
    const reused = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: b, quantity: 1 }] }, key: 'retry-key-0001' },
      { token: customer },
    );
    expect(reused.body.errors?.[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('rejects bad input with stable codes', async () => {
    const badCursor = await supergraph.request(MENU, { first: 5, after: 'not-a-cursor' }, { token: customer });
    expect(badCursor.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const badFirst = await supergraph.request(MENU, { first: 1000 }, { token: customer });
    expect(badFirst.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const missing = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, key: 'missing-product-1' },
      { token: customer },
    );
    expect(missing.body.errors?.[0].extensions.code).toBe('PRODUCT_NOT_FOUND');
    const zero = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 0 }] }, key: 'zero-quantity-1' },
      { token: customer },
    );
    expect(zero.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const unavailable = await supergraph.request(`{ products(first: 100) { edges { node { id available } } } }`, {}, { token: customer });
    const soldOut = unavailable.body.data.products.edges.find((edge: any) => !edge.node.available).node.id;
    const refused = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: soldOut, quantity: 1 }] }, key: 'unavailable-0001' },
      { token: customer },
    );
    expect(refused.body.errors?.[0].extensions.code).toBe('PRODUCT_UNAVAILABLE');
  });

  it('keeps a caller-supplied request ID and mints one otherwise', async () => {
    const kept = await supergraph.request('{ __typename }', {}, { headers: { 'x-request-id': 'client-chosen-id-42' } });
    expect(kept.headers.get('x-request-id')).toBe('client-chosen-id-42');
    const failed = await supergraph.request(
      '{ products(first: 1000) { edges { cursor } } }',
      {},
      { token: customer, headers: { 'x-request-id': 'support-ticket-7' } },
    );
    expect(failed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'support-ticket-7' });
    const minted = await supergraph.request('{ __typename }', {}, { headers: { 'x-request-id': 'bad id with spaces\n' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the offline explorer and the health routes', async () => {
    const origin = supergraph.gateway.url.replace(/\/graphql$/, '');
    const page = await fetch(`${origin}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('RAGline GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const ordersReady = await fetch(supergraph.subgraphs.orders.url.replace(/\/graphql$/, '/readyz'));
    expect(await ordersReady.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', eventBus: 'ok' } });
  });
});
