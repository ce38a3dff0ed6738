import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../fixtures/knowledge/documents/build-pdf.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import { DOCUMENT, INGEST, knowledgeCalls } from './knowledge-helpers.js';

const POLICY_MARKDOWN = `# Loyalty programme

## Earning points

Every euro spent earns one stamp on your loyalty card. Ten stamps give a free pizza.

## Redeeming

Stamps expire after twelve months. They cannot be exchanged for cash.
`;

describe('knowledge ingestion through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  let customer: string;
  const { ingest, finished, search } = knowledgeCalls(
    () => supergraph,
    () => staff,
    () => customer,
  );

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    customer = await supergraph.token({ sub: 'alice' });
  });
  afterAll(() => supergraph?.close());

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
});
