import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

const SEARCH = '{ search(query: "pizza", first: 20, rerank: true) { score } }';

/** A tenant's heavy operations (search, assembleContext, sendMessage, ingestion) take turns: TENANT_HEAVY_IN_FLIGHT. */
describe('heavy operations per tenant in flight', () => {
  let refusing: TestSupergraph;
  let queueing: TestSupergraph;

  beforeAll(async () => {
    [refusing, queueing] = await Promise.all([
      startTestSupergraph({ TENANT_HEAVY_IN_FLIGHT: '1', TENANT_HEAVY_QUEUE_WAIT_MS: '0' }),
      startTestSupergraph({ TENANT_HEAVY_IN_FLIGHT: '1', TENANT_HEAVY_QUEUE_WAIT_MS: '60000' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([refusing?.close(), queueing?.close()]);
  });

  it("refuses a tenant's heavy operations beyond its turn with RATE_LIMITED, while another tenant's run", async () => {
    const [attacker, victim] = await Promise.all([
      refusing.token({ tenant: 'demo', sub: 'flood' }),
      refusing.token({ tenant: 'other-shop', sub: 'shopper' }),
    ]);
    const flood = Array.from({ length: 8 }, () => refusing.request(SEARCH, {}, { token: attacker }));
    const victimSearch = refusing.request(SEARCH, {}, { token: victim });
    const results = await Promise.all(flood);
    const refused = results.filter((result) => result.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.status).toBe(429);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.body.errors![0].extensions).toMatchObject({ budget: 'heavy', scope: 'tenant', limit: 1 });
    expect(results.some((result) => result.body.errors === undefined)).toBe(true);
    expect((await victimSearch).body.errors).toBeUndefined();
    // Light operations never wait for a turn.
    const light = await Promise.all(
      Array.from({ length: 4 }, () => refusing.request('{ products(first: 2) { edges { cursor } } }', {}, { token: attacker })),
    );
    light.forEach((result) => expect(result.body.errors).toBeUndefined());
  });

  it('gives the turn back when another check refuses the operation first (input hygiene), so nothing leaks', async () => {
    const token = await refusing.token({ tenant: 'demo', sub: 'careless' });
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await refusing.request('query S($q: String!) { search(query: $q) { score } }', { q: 'pizza\u0000' }, { token });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // With one turn and no wait, a turn kept by any of those refusals would refuse this search.
    expect((await refusing.request(SEARCH, {}, { token })).body.errors).toBeUndefined();
  });

  it('lets the waiting operations run one after another when the queue wait allows it', async () => {
    const token = await queueing.token({ tenant: 'demo', sub: 'patient' });
    const results = await Promise.all(Array.from({ length: 4 }, () => queueing.request(SEARCH, {}, { token })));
    results.forEach((result) => expect(result.body.errors).toBeUndefined());
  });
});
