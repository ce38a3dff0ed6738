import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../fixtures/knowledge/documents/build-pdf.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
      status
    }
  }
`;
const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    ingestionJob(id: $id) {
      id
      kind
      status
      documentId
      deduplicated
      chunksTotal
      chunksEmbedded
      errorCode
      errorMessage
    }
  }
`;
const DOCUMENT = /* GraphQL */ `
  query Doc($id: ID!) {
    document(id: $id) {
      id
      title
      scope
      format
      tags
      metadata
      chunkCount
      body
      chunks {
        id
        ordinal
        text
        headingPath
        tokenCount
      }
    }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $scope: String, $first: Int, $mode: SearchMode, $rerank: Boolean) {
    search(query: $query, scope: $scope, first: $first, mode: $mode, rerank: $rerank) {
      score
      highlight
      chunk {
        id
        text
        headingPath
      }
      document {
        id
        title
        scope
      }
    }
  }
`;

const POLICY_MARKDOWN = `# Loyalty programme

## Earning points

Every euro spent earns one stamp on your loyalty card. Ten stamps give a free pizza.

## Redeeming

Stamps expire after twelve months. They cannot be exchanged for cash.
`;

describe('knowledge ingestion and search through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  let customer: string;
  let otherTenantAdmin: string;

  const ingest = async (input: Record<string, unknown>, token = staff) => {
    const result = await supergraph.request(INGEST, { input }, { token });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.ingestDocument as { id: string; status: string };
  };
  const finished = async (jobId: string, token = staff) => {
    let job: any;
    await waitFor(
      async () => {
        job = (await supergraph.request(JOB, { id: jobId }, { token })).body.data.ingestionJob;
        return job.status === 'SUCCEEDED' || job.status === 'FAILED';
      },
      `job ${jobId} to finish`,
      20_000,
    );
    return job;
  };
  const search = async (variables: Record<string, unknown>, token = customer) => supergraph.request(SEARCH, variables, { token });

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

  it('ingests markdown as a job with heading-aware chunks, and the same content again as a no-op', async () => {
    const job = await ingest({
      scope: 'policies',
      format: 'MARKDOWN',
      text: POLICY_MARKDOWN,
      tags: ['loyalty'],
      metadata: { source: 'handbook' },
    });
    expect(job.status).toBe('QUEUED');
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', deduplicated: false, errorCode: null });
    expect(done.chunksEmbedded).toBe(done.chunksTotal);

    const document = (await supergraph.request(DOCUMENT, { id: done.documentId }, { token: customer })).body.data.document;
    expect(document).toMatchObject({
      title: 'Loyalty programme',
      scope: 'policies',
      format: 'MARKDOWN',
      tags: ['loyalty'],
      metadata: { source: 'handbook' },
    });
    expect(document.chunks.length).toBe(document.chunkCount);
    expect(document.chunks.map((chunk: any) => chunk.headingPath)).toContainEqual(['Loyalty programme', 'Redeeming']);

    const hits = await search({ query: 'when do stamps expire and can I exchange them for cash', first: 1 });
    expect(hits.body.data.search[0].chunk.text).toContain('twelve months');

    const again = await finished((await ingest({ scope: 'faq', format: 'TEXT', text: POLICY_MARKDOWN.replaceAll('\n', '\r\n') })).id);
    expect(again).toMatchObject({ status: 'SUCCEEDED', deduplicated: true, documentId: done.documentId });
    const all = (await supergraph.request('{ documents { id } }', {}, { token: customer })).body.data.documents;
    expect(all.filter((d: any) => d.id === done.documentId)).toHaveLength(1);
  });

  it('ingests PDF and HTML sent as base64, with their own titles', async () => {
    const pdf = buildPdf([['Catering orders', 'We cater events for up to 80 guests with two weeks notice.']], { title: 'Catering' });
    const pdfJob = await finished(
      (await ingest({ scope: 'faq', format: 'PDF', contentBase64: Buffer.from(pdf).toString('base64'), sourceName: 'catering.pdf' })).id,
    );
    expect(pdfJob).toMatchObject({ status: 'SUCCEEDED' });
    const html =
      '<html><head><title>Parking</title></head><body><h1>Parking</h1><p>Free bicycle parking is behind the building.</p><script>alert(1)</script></body></html>';
    const htmlJob = await finished(
      (await ingest({ scope: 'faq', format: 'HTML', contentBase64: Buffer.from(html).toString('base64') })).id,
    );
    expect(htmlJob.status).toBe('SUCCEEDED');

    const catering = await search({ query: 'how many guests can you cater', scope: 'faq', first: 1 });
    expect(catering.body.data.search[0].document.title).toBe('Catering');
    const parking = await search({ query: 'bicycle parking', mode: 'KEYWORD', first: 1 });
    expect(parking.body.data.search[0]).toMatchObject({ document: { title: 'Parking' } });
    expect(parking.body.data.search[0].chunk.text).not.toContain('alert');
  });

  it('accepts a GraphQL multipart upload through the gateway, and refuses one without a CSRF header', async () => {
    const upload = (headers: Record<string, string>) => {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: INGEST, variables: { input: { scope: 'faq', format: 'MARKDOWN', file: null } } }));
      form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
      form.set(
        '0',
        new Blob(['# Gift cards\n\nGift cards are sold at the counter and never expire.'], { type: 'text/markdown' }),
        'gift-cards.md',
      );
      return fetch(supergraph.gateway.url, { method: 'POST', headers: { authorization: `Bearer ${staff}`, ...headers }, body: form });
    };
    const refused = await upload({});
    expect(refused.status).toBe(400);
    const accepted = await upload({ 'apollo-require-preflight': 'true' });
    const body = (await accepted.json()) as any;
    expect(body.errors).toBeUndefined();
    const done = await finished(body.data.ingestDocument.id);
    expect(done.status).toBe('SUCCEEDED');
    const document = (
      await supergraph.request('query D($id: ID!) { document(id: $id) { title sourceName } }', { id: done.documentId }, { token: staff })
    ).body.data.document;
    expect(document).toEqual({ title: 'Gift cards', sourceName: 'gift-cards.md' });
  });

  it('fails bad content as a job with a stable code and stores nothing; bad arguments are refused up front', async () => {
    const before = (await supergraph.request('{ documents { id } }', {}, { token: staff })).body.data.documents.length;
    const notPdf = await finished(
      (await ingest({ scope: 'faq', format: 'PDF', contentBase64: Buffer.from('just text').toString('base64') })).id,
    );
    expect(notPdf).toMatchObject({ status: 'FAILED', documentId: null });
    expect(['UNSUPPORTED_DOCUMENT', 'DOCUMENT_UNREADABLE']).toContain(notPdf.errorCode);
    const empty = await finished((await ingest({ scope: 'faq', format: 'HTML', text: '<p>   </p>' })).id);
    expect(empty).toMatchObject({ status: 'FAILED', errorCode: 'DOCUMENT_UNREADABLE' });
    expect((await supergraph.request('{ documents { id } }', {}, { token: staff })).body.data.documents).toHaveLength(before);

    for (const [input, field] of [
      [{ scope: 'faq', format: 'TEXT', contentBase64: '***' }, 'contentBase64'],
      [{ scope: 'faq', format: 'TEXT', text: 'a', contentBase64: 'YQ==' }, 'content'],
      [{ scope: 'Not A Scope', format: 'TEXT', text: 'a' }, 'scope'],
      [{ scope: 'faq', format: 'PDF', text: 'a' }, 'text'],
    ] as const) {
      const result = await supergraph.request(INGEST, { input }, { token: staff });
      expect(result.body.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const badSearch = await search({ query: '   ' });
    expect(badSearch.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await search({ query: 'pizza', first: 500 });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports progress over a subscription through the gateway until the job finishes', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${staff}` });
    try {
      const body = Array.from(
        { length: 40 },
        (_, i) => `## Section ${i}\n\n${'Our sourcing notes describe farms and suppliers. '.repeat(12)}`,
      ).join('\n\n');
      const job = await ingest({ scope: 'policies', format: 'MARKDOWN', text: `# Sourcing\n\n${body}` });
      const progress = collect(client, 'subscription P($id: ID!) { ingestionProgress(jobId: $id) { status chunksTotal chunksEmbedded } }', {
        id: job.id,
      });
      await progress.done(20_000);
      const states = progress.results.map((result) => result.data!.ingestionProgress);
      expect(states.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
      expect(states.at(-1)!.chunksTotal).toBeGreaterThan(1);
      expect(progress.results.every((result) => result.errors === undefined)).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('deletes a document with its chunks', async () => {
    const done = await finished(
      (await ingest({ scope: 'faq', format: 'TEXT', text: 'Our terrace heaters run from October to April.' })).id,
    );
    expect((await search({ query: 'terrace heaters', mode: 'KEYWORD' })).body.data.search).toHaveLength(1);
    const deleted = await supergraph.request('mutation D($id: ID!) { deleteDocument(id: $id) }', { id: done.documentId }, { token: staff });
    expect(deleted.body.data.deleteDocument).toBe(true);
    expect((await search({ query: 'terrace heaters', mode: 'KEYWORD' })).body.data.search).toHaveLength(0);
    expect((await supergraph.request(DOCUMENT, { id: done.documentId }, { token: staff })).body.data.document).toBeNull();
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
