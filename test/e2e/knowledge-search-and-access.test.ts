import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import { DOCUMENT, INGEST, JOB, knowledgeCalls } from './knowledge-helpers.js';

describe('knowledge search, context assembly and access rules through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  let customer: string;
  let otherTenantAdmin: string;
  const { ingest, finished, search } = knowledgeCalls(
    () => supergraph,
    () => staff,
    () => customer,
  );

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    customer = await supergraph.token({ sub: 'alice' });
    otherTenantAdmin = await supergraph.token({ tenant: 'other-shop', sub: 'olga', roles: ['admin'] });
  });
  afterAll(() => supergraph?.close());

  it('serves the seeded policies, FAQs and menu as searchable chunks', async () => {
    for (const mode of ['VECTOR', 'KEYWORD', 'HYBRID']) {
      const result = await search({ query: 'Can I still cancel my order?', mode, first: 3 });
      expect(result.body.errors, mode).toBeUndefined();
      expect(result.body.data.search[0].document.title, mode).toBe('Cancellation policy');
    }
    const menu = await search({ query: 'is the lemon sorbet vegan', scope: 'menu', first: 2, rerank: true });
    expect(menu.body.data.search[0].chunk.headingPath).toEqual(['Our menu', 'Lemon Sorbet']);
    expect(menu.body.data.search[0].highlight).toMatch(/<mark>[Ss]orbet<\/mark>/);
    expect(menu.body.data.search.every((hit: any) => hit.document.scope === 'menu')).toBe(true);
    // How a question is phrased ("do you…") must not outrank what it asks about, with or without the reranker.
    for (const rerank of [false, true]) {
      const vegan = await search({ query: 'do you have vegan pizza', first: 2, rerank });
      expect(
        vegan.body.data.search.map((hit: any) => hit.document.title),
        `rerank ${rerank}`,
      ).not.toContain('Do you deliver?');
    }
  });

  it("keeps every entry point inside the caller's tenant and role", async () => {
    const done = await finished(
      (await ingest({ scope: 'faq', format: 'TEXT', text: 'The secret house sauce recipe stays in the demo kitchen.' })).id,
    );
    const other = otherTenantAdmin;
    expect((await supergraph.request(DOCUMENT, { id: done.documentId }, { token: other })).body.data.document).toBeNull();
    expect((await supergraph.request(JOB, { id: done.id }, { token: other })).body.data.ingestionJob).toBeNull();
    expect((await supergraph.request('{ documents { id } }', {}, { token: other })).body.data.documents).toEqual([]);
    for (const mode of ['VECTOR', 'KEYWORD', 'HYBRID']) {
      expect((await search({ query: 'secret house sauce recipe', mode }, other)).body.data.search).toEqual([]);
    }
    const context = await supergraph.request(
      '{ assembleContext(query: "secret house sauce") { passages { chunkId } } }',
      {},
      { token: other },
    );
    expect(context.body.data.assembleContext.passages).toEqual([]);
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${other}` });
    try {
      const progress = collect(client, 'subscription P($id: ID!) { ingestionProgress(jobId: $id) { status } }', { id: done.id });
      const first = await progress.nth(1);
      expect(first.data?.ingestionProgress ?? null).toBeNull();
      expect(first.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
    const deleted = await supergraph.request('mutation D($id: ID!) { deleteDocument(id: $id) }', { id: done.documentId }, { token: other });
    expect(deleted.body.data.deleteDocument).toBe(false);
    expect((await search({ query: 'secret house sauce recipe', mode: 'KEYWORD' })).body.data.search).toHaveLength(1);

    const forbidden = await supergraph.request(INGEST, { input: { scope: 'faq', format: 'TEXT', text: 'x' } }, { token: customer });
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reindexByStaff = await supergraph.request('mutation { reindex(scope: "faq") { id } }', {}, { token: staff });
    expect(reindexByStaff.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await supergraph.request('{ search(query: "pizza") { score } }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('assembles cited context within a token budget, and reindexes a scope', async () => {
    const context = await supergraph.request(
      '{ assembleContext(query: "Which dishes are vegan?", tokenBudget: 200) { tokenCount droppedCount passages { chunkId documentId documentTitle headingPath text } } }',
      {},
      { token: customer },
    );
    expect(context.body.errors).toBeUndefined();
    const assembled = context.body.data.assembleContext;
    expect(assembled.tokenCount).toBeLessThanOrEqual(200);
    expect(assembled.passages.length).toBeGreaterThan(0);
    expect(assembled.passages.some((p: any) => /vegan/i.test(p.text))).toBe(true);

    const admin = await supergraph.token({ sub: 'ada', roles: ['admin'] });
    const job = (await supergraph.request('mutation { reindex(scope: "menu") { id kind } }', {}, { token: admin })).body.data.reindex;
    expect(job.kind).toBe('REINDEX');
    expect(await finished(job.id, admin)).toMatchObject({ status: 'SUCCEEDED' });
    expect((await search({ query: 'lemon sorbet', scope: 'menu', first: 1 })).body.data.search[0].chunk.headingPath).toContain(
      'Lemon Sorbet',
    );
  });
});
