import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHiveGateway, startHiveGateway, type HiveInstall, type RunningHiveGateway } from '../support/hive-gateway.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

const PRODUCTS = '{ products(first: 2) { edges { node { id name priceCents } } } }';
const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
      status
      totalCents
    }
  }
`;
const ORDER_WITH_HELP = 'query Order($id: ID!) { order(id: $id) { id status helpArticles { title } timeline { type } } }';
// helpArticles comes from knowledge and @requires the order's status: Hive fetches it for each event, as the
// token taken from the connection_init payload (deploy/hive-gateway/gateway.config.mjs).
const ORDER_EVENTS = 'subscription { orderEvents { eventId type order { id status totalCents helpArticles { title } } } }';

/**
 * Our subgraphs, unchanged, behind Hive Gateway instead of our own gateway: installed into a cache folder outside the
 * repository on first run (about a minute), with deploy/hive-gateway/gateway.config.mjs.
 */
describe('the supergraph on Hive Gateway', () => {
  let install: HiveInstall;
  let supergraph: TestSupergraph;
  let hive: RunningHiveGateway;
  let token: string;
  let productId: string;

  const viaHive = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(hive.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };
  const placeOrder = async (key: string) => {
    const result = await viaHive(CREATE_ORDER, { input: { items: [{ productId, quantity: 2 }] }, key });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createOrder as { id: string; status: string; totalCents: number };
  };

  beforeAll(async () => {
    install = await ensureHiveGateway();
    if (!install.installed) return;
    supergraph = await startTestSupergraph();
    hive = await startHiveGateway(Object.fromEntries(Object.values(supergraph.subgraphs).map((s) => [s.name, s.url])));
    token = await supergraph.token({ sub: 'hive-alice' });
    // The product to order comes from our own gateway, so each test below stands alone.
    const menu = await supergraph.request(PRODUCTS, {}, { token });
    productId = menu.body.data.products.edges[0].node.id;
  }, 660_000);
  afterAll(async () => {
    await hive?.close();
    await supergraph?.close();
  });

  it('answers a query with the demo menu', async (context) => {
    if (!install.installed) return context.skip(`the npm registry is unreachable: ${install.registryUnreachable}`);
    const result = await viaHive(PRODUCTS);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const products = result.body.data.products.edges.map((edge: any) => edge.node);
    expect(products).toHaveLength(2);
    expect(products[0]).toEqual({ id: expect.any(String), name: expect.any(String), priceCents: expect.any(Number) });
    expect(products[0].id).toBe(productId);
    // Without a token the subgraphs' own rules still apply through Hive.
    const anonymous = await fetch(hive.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PRODUCTS }),
    });
    expect(((await anonymous.json()) as any).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs createOrder, then a query across orders, knowledge (@requires) and observability', async (context) => {
    if (!install.installed) return context.skip(`the npm registry is unreachable: ${install.registryUnreachable}`);
    const order = await placeOrder('hive-mutation-1');
    expect(order).toEqual({ id: expect.any(String), status: 'PENDING', totalCents: expect.any(Number) });
    expect(order.totalCents).toBeGreaterThan(0);
    await waitFor(
      async () => (await viaHive(ORDER_WITH_HELP, { id: order.id })).body.data?.order?.timeline?.length > 0,
      'the order timeline',
    );
    const result = await viaHive(ORDER_WITH_HELP, { id: order.id });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.order).toEqual({
      id: order.id,
      status: 'PENDING',
      helpArticles: [{ title: 'Allergens and dietary needs' }, { title: 'Cancellation policy' }],
      timeline: [{ type: 'ORDER_CREATED' }],
    });
  });

  it('delivers orderEvents over graphql-ws through Hive, with the fields knowledge adds to each event', async (context) => {
    if (!install.installed) return context.skip(`the npm registry is unreachable: ${install.registryUnreachable}`);
    const client = wsClient(hive.wsUrl, { authorization: `Bearer ${token}` });
    const ordersMetrics = supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics');
    try {
      const stream = collect(client, ORDER_EVENTS);
      await waitFor(
        async () => (await readMetric(ordersMetrics, 'ragline_order_event_subscribers')) === 1,
        'Hive to subscribe upstream',
        15_000,
      );
      const order = await placeOrder('hive-subscription-1');
      const event = await stream.nth(1, 15_000);
      expect(event.errors).toBeUndefined();
      expect(event.data).toEqual({
        orderEvents: {
          eventId: expect.any(String),
          type: 'ORDER_CREATED',
          order: {
            id: order.id,
            status: 'PENDING',
            totalCents: order.totalCents,
            helpArticles: [{ title: 'Allergens and dietary needs' }, { title: 'Cancellation policy' }],
          },
        },
      });
      stream.unsubscribe();
      await waitFor(
        async () => (await readMetric(ordersMetrics, 'ragline_order_event_subscribers')) === 0,
        'the upstream subscription to end',
        15_000,
      );
    } finally {
      await client.dispose();
    }
  });
});
