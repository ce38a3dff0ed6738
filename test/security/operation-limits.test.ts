import { getIntrospectionQuery, type GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_LIMIT_EXCEEDED, type OperationLimitName } from '../../platform/server/operation-limits.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';

/** One operation over each limit (defaults: depth 10, aliases 15, tokens 2,000, directives 50, cost 5,000), valid otherwise. */
const OVER: Record<OperationLimitName, string> = {
  // Armor counts an inline fragment as a level, as a client's nested fragments would be.
  depth: `{ ${'... on Query { '.repeat(12)} __typename ${'} '.repeat(12)} }`,
  aliases: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: documents { id }`).join(' ')} }`,
  tokens: `{ ${'__typename '.repeat(2_100)} }`,
  directives: `{ ${'__typename @skip(if: false) '.repeat(51)} }`,
  // 15 reranked searches of 50 hits, each with its document's chunks: 15 × (50 × 4 + 50 × (1 + 1 + 1 + 10)) = 12,750.
  cost: `{ ${Array.from(
    { length: 15 },
    (_, i) => `s${i}: search(query: "pizza", first: 50, rerank: true) { chunk { id } document { chunks { id } } }`,
  ).join(' ')} }`,
};
const LIMITS = Object.keys(OVER) as OperationLimitName[];

/** The subscription forms (one root field each); cost needs lists with `first`, which no subscription has. */
const OVER_IN_A_SUBSCRIPTION: Partial<Record<OperationLimitName, string>> = {
  depth: `subscription { orderEvents { order { ${'... on Order { '.repeat(10)} id ${'} '.repeat(10)} } } }`,
  aliases: `subscription { orderEvents { ${Array.from({ length: 16 }, (_, i) => `e${i}: eventId`).join(' ')} } }`,
  tokens: `subscription { orderEvents { ${'eventId '.repeat(2_100)} } }`,
  directives: `subscription { orderEvents { ${'eventId @include(if: true) '.repeat(51)} } }`,
};

function expectRefused(errors: readonly GraphQLFormattedError[] | undefined, limit: OperationLimitName) {
  expect(errors?.map((error) => [error.extensions?.code, error.extensions?.limit])).toContainEqual([OPERATION_LIMIT_EXCEEDED, limit]);
}

describe('operation limits', () => {
  let supergraph: TestSupergraph;
  let alice: string;

  const overWs = async (url: string, query: string) => {
    const client = wsClient(url, { authorization: `Bearer ${alice}` });
    try {
      const operation = collect(client, query);
      await operation.done();
      return { results: operation.results, errors: operation.error as GraphQLFormattedError[] | undefined };
    } finally {
      await client.dispose();
    }
  };
  const atSubgraph = async (query: string) => {
    const response = await fetch(supergraph.subgraphs.knowledge.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: GraphQLFormattedError[] };
  };

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    alice = await supergraph.token({ sub: 'alice', roles: ['staff'] });
  });
  afterAll(() => supergraph?.close());

  it.each(LIMITS)('refuses an operation over the %s limit at the gateway over HTTP, before any subgraph is asked', async (limit) => {
    const { status, body } = await supergraph.request(OVER[limit], {}, { token: alice });
    expectRefused(body.errors, limit);
    expect(body.errors?.[0].extensions).toMatchObject({ code: OPERATION_LIMIT_EXCEEDED, limit, max: expect.any(Number) });
    expect(body.data).toBeUndefined();
    expect(status).toBe(400);
  });

  it.each(LIMITS)('refuses a query over the %s limit at the gateway over graphql-ws', async (limit) => {
    const { results, errors } = await overWs(supergraph.gateway.wsUrl, OVER[limit]);
    expect(results).toEqual([]);
    expectRefused(errors, limit);
  });

  it.each(Object.keys(OVER_IN_A_SUBSCRIPTION) as OperationLimitName[])(
    'refuses a subscription over the %s limit at the gateway over graphql-ws',
    async (limit) => {
      const { results, errors } = await overWs(supergraph.gateway.wsUrl, OVER_IN_A_SUBSCRIPTION[limit]!);
      expect(results).toEqual([]);
      expectRefused(errors, limit);
      expect(supergraph.gateway.openUpstreamSubscriptions()).toBe(0);
    },
  );

  it.each(LIMITS)('refuses an operation over the %s limit directly at a subgraph, over HTTP and graphql-ws', async (limit) => {
    expectRefused((await atSubgraph(OVER[limit])).errors, limit);
    const { results, errors } = await overWs(supergraph.subgraphs.knowledge.wsUrl, OVER[limit]);
    expectRefused(errors ?? (results[0]?.errors as GraphQLFormattedError[] | undefined), limit);
  });

  it('lets the operations clients send through: introspection, a cross-subgraph order with its help articles', async () => {
    const introspection = await supergraph.request(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');

    const customer = await supergraph.token({ sub: 'olga' });
    const orders = await supergraph.request(
      `{ orders(first: 20) { edges { cursor node { id status lines { productId } timeline { type status } helpArticles { title chunks { text } } } }
         pageInfo { hasNextPage } } }`,
      {},
      { token: customer },
    );
    expect(orders.body.errors).toBeUndefined();
    expect(orders.body.data.orders.edges).toBeInstanceOf(Array);
    expect((await atSubgraph('{ search(query: "pizza", first: 50, rerank: true) { score chunk { text } } }')).errors).toBeUndefined();
  });

  it("refuses a flood of 500 reranked searches per request at once, while another tenant's search answers", async () => {
    const mallory = await supergraph.token({ tenant: 'mallory', sub: 'mallory' });
    const heavy = `{ ${Array.from({ length: 500 }, (_, i) => `s${i}: search(query: "pizza", first: 50, rerank: true) { score }`).join(' ')} }`;
    const demoSearch = supergraph.request(
      '{ search(query: "opening hours", first: 5, rerank: true) { score chunk { text } } }',
      {},
      {
        token: await supergraph.token({ tenant: 'demo', sub: 'dora' }),
      },
    );
    const floods = await Promise.all(Array.from({ length: 20 }, () => supergraph.request(heavy, {}, { token: mallory })));
    for (const flood of floods) {
      expect(flood.body.data).toBeUndefined();
      expect(flood.body.errors?.[0]?.extensions?.code).toBe(OPERATION_LIMIT_EXCEEDED);
    }
    const answered = await demoSearch;
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data.search.length).toBeGreaterThan(0);
  });
});
