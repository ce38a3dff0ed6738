import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

const ORDER_EVENTS = /* GraphQL */ `
  subscription Events($orderId: ID) {
    orderEvents(orderId: $orderId) {
      eventId
      type
      order {
        id
        status
        totalCents
        helpArticles {
          title
        }
      }
    }
  }
`;
const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;

describe('order events over graphql-ws through the gateway', () => {
  let supergraph: TestSupergraph;
  let productId: string;
  let keyCounter = 0;
  const placeOrder = async (token: string) => {
    const result = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId, quantity: 1 }] }, key: `subscription-test-${++keyCounter}` },
      { token },
    );
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createOrder.id as string;
  };

  /** The gateway has opened n upstreams and the orders subgraph is delivering bus events to n subscriptions. */
  const subscriptionsLive = (n: number) =>
    waitFor(
      async () =>
        supergraph.gateway.openUpstreamSubscriptions() === n &&
        (await readMetric(supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics'), 'ragline_order_event_subscribers')) === n,
      `${n} live subscriptions`,
    );

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    const menu = await supergraph.request('{ products(first: 1) { edges { node { id } } } }', {}, { token: await supergraph.token() });
    productId = menu.body.data.products.edges[0].node.id;
  });
  afterAll(() => supergraph?.close());

  it('delivers an event whose fields come from two subgraphs, only to those allowed to see it', async () => {
    const alice = await supergraph.token({ sub: 'alice' });
    const clients = {
      alice: wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` }),
      bob: wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token({ sub: 'bob' })}` }),
      staff: wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token({ sub: 'sam', roles: ['staff'] })}` }),
      otherTenant: wsClient(supergraph.gateway.wsUrl, {
        authorization: `Bearer ${await supergraph.token({ tenant: 'other-shop', sub: 'alice', roles: ['admin'] })}`,
      }),
    };
    try {
      const streams = Object.fromEntries(Object.entries(clients).map(([name, client]) => [name, collect(client, ORDER_EVENTS)]));
      await subscriptionsLive(4);
      const orderId = await placeOrder(alice);

      const event = await streams.alice!.nth(1);
      expect(event.errors).toBeUndefined();
      expect(event.data).toEqual({
        orderEvents: {
          eventId: expect.any(String),
          type: 'ORDER_CREATED',
          order: {
            id: orderId,
            status: 'PENDING',
            totalCents: expect.any(Number),
            helpArticles: [{ title: 'Allergens and dietary needs' }, { title: 'Cancellation policy' }],
          },
        },
      });
      expect((await streams.staff!.nth(1)).data).toEqual(event.data);

      // Bob's own order proves his subscription is live, and that he never got Alice's.
      const bobsOrder = await placeOrder(await supergraph.token({ sub: 'bob' }));
      expect(((await streams.bob!.nth(1)).data as any).orderEvents.order.id).toBe(bobsOrder);
      expect(streams.bob!.results).toHaveLength(1);
      expect(streams.otherTenant!.results).toHaveLength(0);
    } finally {
      await Promise.all(Object.values(clients).map((client) => client.dispose()));
    }
  });

  it('filters by orderId and passes variables upstream', async () => {
    const alice = await supergraph.token({ sub: 'alice' });
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      // The first order's own event must be out before subscribing, or it could count as a late arrival.
      const published = supergraph.bus.subscribe('order-events');
      const firstOrder = await placeOrder(alice);
      for (
        let event = await published.next();
        (event.value?.payload as { orderId?: string })?.orderId !== firstOrder;
        event = await published.next()
      );
      await published.return?.();
      const stream = collect(client, ORDER_EVENTS, { orderId: firstOrder });
      await subscriptionsLive(1);
      await placeOrder(alice); // other orders: their events must not arrive
      await placeOrder(alice);
      const cancelled = await supergraph.request(
        `mutation($id: ID!) { updateOrderStatus(id: $id, status: CANCELLED, expectedVersion: 1) { status } }`,
        { id: firstOrder },
        { token: alice },
      );
      expect(cancelled.body.errors).toBeUndefined();
      const event = (await stream.nth(1)).data as any;
      expect(event.orderEvents).toMatchObject({
        type: 'ORDER_STATUS_CHANGED',
        order: { id: firstOrder, status: 'CANCELLED', helpArticles: [] },
      });
      expect(stream.results).toHaveLength(1);
    } finally {
      await client.dispose();
    }
  });

  it('closes the upstream subscription when the client unsubscribes', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token()}` });
    try {
      const stream = collect(client, ORDER_EVENTS);
      await subscriptionsLive(1);
      stream.unsubscribe();
      await subscriptionsLive(0);
    } finally {
      await client.dispose();
    }
  });

  it('closes upstream subscriptions when the client disconnects', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token()}` });
    collect(client, ORDER_EVENTS);
    collect(client, ORDER_EVENTS);
    await subscriptionsLive(2);
    await client.dispose();
    await subscriptionsLive(0);
  });

  it('runs queries and mutations over the same websocket', async () => {
    const token = await supergraph.token();
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` });
    try {
      const query = collect(client, '{ products(first: 2) { edges { node { name } } } }');
      await query.done();
      expect((query.results[0]!.data as any).products.edges).toHaveLength(2);
      const mutation = collect(client, CREATE_ORDER, { input: { items: [{ productId, quantity: 3 }] }, key: 'over-websocket-1' });
      await mutation.done();
      expect((mutation.results[0]!.data as any).createOrder.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await client.dispose();
    }
  });
});

describe('a subgraph that dies mid-stream', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('ends the client subscription with SUBGRAPH_UNAVAILABLE instead of hanging', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token()}` });
    try {
      const stream = collect(client, ORDER_EVENTS);
      await waitFor(() => supergraph.gateway.openUpstreamSubscriptions() === 1, 'the upstream subscription');
      await supergraph.subgraphs.orders.close();
      await stream.done(5000);
      const errors = stream.results.flatMap((result) => result.errors ?? []);
      expect(errors.map((error: any) => error.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
      expect(errors[0].message).toContain('orders');
    } finally {
      await client.dispose();
    }
  });
});
