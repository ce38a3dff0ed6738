import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHttpRequests } from '../support/http-requests.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import { ORDERS, orderActions } from './order-helpers.js';

describe('the gateway beside its subgraphs in one process (npm start, GATEWAY_PROCESS=shared)', () => {
  let supergraph: TestSupergraph;
  const { as, place, errorOf } = orderActions(() => supergraph);
  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('reaches them without a socket: queries and mutations, across subgraphs, with the caller forwarded', async () => {
    const subgraphPorts = new Set(Object.values(supergraph.subgraphs).map((subgraph) => Number(new URL(subgraph.url).port)));
    const alice = await as('alice-in-process');
    const http = recordHttpRequests();
    try {
      const placed = await place(alice);
      const mine = await supergraph.request(ORDERS, { first: 5 }, { token: alice });
      expect(mine.body.errors).toBeUndefined();
      expect(mine.body.data.orders.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([placed.id]);
      // Answered by the orders subgraph for the caller the gateway forwarded: another user sees none of alice's orders.
      const bob = await supergraph.request(ORDERS, { first: 5 }, { token: await as('bob-in-process') });
      expect(bob.body.data.orders.edges).toEqual([]);
      // The subgraph's own error reaches the client with its code: no token, no orders.
      expect(errorOf(await supergraph.request(ORDERS, { first: 5 }))?.code).toBe('UNAUTHENTICATED');
      // An entity fetch: knowledge answers each order's help articles from what orders sent (@requires).
      const crossSubgraph = await supergraph.request(
        '{ orders(first: 5) { edges { node { id helpArticles { id } } } } }',
        {},
        { token: alice },
      );
      expect(crossSubgraph.body.errors).toBeUndefined();
      expect(crossSubgraph.body.data.orders.edges[0].node.helpArticles.length).toBeGreaterThan(0);
    } finally {
      http.stop();
    }
    // The test's own requests went to the gateway; none went from the gateway to a subgraph's port.
    const ports = http.targets.map((target) => target.port);
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.filter((port) => subgraphPorts.has(port))).toEqual([]);
  });

  it('reaches their graphql-ws servers without a socket: a subscription, its follow-up fetch and the caller forwarded', async () => {
    const subgraphPorts = new Set(Object.values(supergraph.subgraphs).map((subgraph) => Number(new URL(subgraph.url).port)));
    const alice = await as('alice-subscribing-in-process');
    const http = recordHttpRequests();
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      const stream = collect(client, 'subscription { orderEvents { type order { id customerId helpArticles { id } } } }');
      // Nothing to wait on in process but the first event: place orders until one arrives after the subscription is live.
      let placed: { id: string } | undefined;
      for (let attempt = 0; attempt < 50 && stream.results.length === 0; attempt++) {
        placed = await place(alice);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const event = (await stream.nth(1)).data as any;
      expect(event.orderEvents.type).toBe('ORDER_CREATED');
      expect(event.orderEvents.order.customerId).toBe('alice-subscribing-in-process');
      expect(event.orderEvents.order.helpArticles.length).toBeGreaterThan(0);
      expect(placed).toBeDefined();
    } finally {
      await client.dispose();
      http.stop();
    }
    // The client's upgrade went to the gateway; no upgrade or request went from the gateway to a subgraph's port.
    const ports = http.targets.map((target) => target.port);
    expect(ports).toContain(Number(new URL(supergraph.gateway.url).port));
    expect(ports.filter((port) => subgraphPorts.has(port))).toEqual([]);
  });
});
