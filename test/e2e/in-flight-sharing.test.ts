import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { ORDERS, orderActions } from './order-helpers.js';

/** The sum of a labelled counter's samples on the gateway's /metrics. */
async function sharedFetches(supergraph: TestSupergraph): Promise<number> {
  const text = await (await fetch(supergraph.gateway.url.replace(/graphql$/, 'metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('ragline_gateway_subgraph_fetches_shared_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('identical subgraph queries in flight share one fetch, per user', () => {
  let supergraph: TestSupergraph;
  const { as, place } = orderActions(() => supergraph);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('concurrent identical queries of one user share fetches; different users never see each other’s answer', async () => {
    const [alice, bob] = await Promise.all([as('alice-sharing'), as('bob-sharing')]);
    const placed = await place(alice);
    const before = await sharedFetches(supergraph);

    // 20 identical requests of each user at once: some of them must share an upstream fetch. Whether two overlap in
    // flight depends on how fast a loaded machine delivers them, so up to five bursts; every answer is checked in each.
    for (let burstNumber = 0; burstNumber < 5 && (await sharedFetches(supergraph)) === before; burstNumber++) {
      const burst = await Promise.all(
        Array.from({ length: 40 }, (_, n) => supergraph.request(ORDERS, { first: 5 }, { token: n % 2 === 0 ? alice : bob })),
      );
      const ids = (result: (typeof burst)[number]) => result.body.data.orders.edges.map((edge: { node: { id: string } }) => edge.node.id);
      burst.forEach((result, n) => {
        expect(result.body.errors).toBeUndefined();
        expect(ids(result)).toEqual(n % 2 === 0 ? [placed.id] : []);
      });
    }
    expect(await sharedFetches(supergraph)).toBeGreaterThan(before);
  });

  it('requests of distinct users share nothing, even for the same menu query', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, n) => as(`menu-reader-${n}`)));
    const before = await sharedFetches(supergraph);
    const burst = await Promise.all(
      tokens.map((token) => supergraph.request('{ products(first: 5) { edges { node { id name } } } }', {}, { token })),
    );
    burst.forEach((result) => expect(result.body.errors).toBeUndefined());
    expect(await sharedFetches(supergraph)).toBe(before);
  });
});
