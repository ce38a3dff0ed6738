import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

/** Listings are paged so that no request reads a tenant's whole knowledge base (docs/security.md, "Memory"). */
describe('bounded knowledge listings through the gateway', () => {
  let supergraph: TestSupergraph;
  let token: string;

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    token = await supergraph.token({ sub: 'alice' });
  });
  afterAll(async () => {
    await supergraph?.close();
  });

  const request = (query: string, variables: Record<string, unknown> = {}) => supergraph.request(query, variables, { token });

  it('pages documents by title with first and offset', async () => {
    const all = (await request('{ documents(first: 100) { id title } }')).body.data.documents as { id: string; title: string }[];
    expect(all.length).toBeGreaterThan(3);
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      pages.push(...(await request('query ($o: Int!) { documents(first: 2, offset: $o) { id } }', { o: offset })).body.data.documents);
    }
    expect(pages.map((document: any) => document.id)).toEqual(all.map((document) => document.id));
    // The default page is 50: the seeded tenant fits in one.
    expect((await request('{ documents { id } }')).body.data.documents).toHaveLength(Math.min(50, all.length));
  });

  it("pages a document's chunks by position", async () => {
    const documents = (await request('{ documents(first: 100) { id chunkCount } }')).body.data.documents as {
      id: string;
      chunkCount: number;
    }[];
    const long = documents.find((document) => document.chunkCount >= 3);
    expect(long).toBeDefined();
    const { body } = await request(
      'query ($id: ID!) { document(id: $id) { a: chunks(first: 2, offset: 1) { ordinal } b: chunks { ordinal } } }',
      {
        id: long!.id,
      },
    );
    expect(body.data.document.a.map((chunk: any) => chunk.ordinal)).toEqual([1, 2]);
    expect(body.data.document.b).toHaveLength(Math.min(10, long!.chunkCount));
  });

  it('refuses pages out of range, and the largest listing of all chunks by its cost', async () => {
    const codes = async (query: string) => ((await request(query)).body.errors ?? []).map((error: any) => error.extensions?.code);
    expect(await codes('{ documents(first: 101) { id } }')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('{ documents(first: 0) { id } }')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('{ documents(offset: -1) { id } }')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('{ documents(first: 1) { chunks(first: 101) { id } } }')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('{ documents(first: 100) { chunks(first: 100) { text } } }')).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(await codes('{ documents { chunks { text } } }')).toEqual([]);
  });
});
