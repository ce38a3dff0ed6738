import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHttpRequests } from '../support/http-requests.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
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
});
