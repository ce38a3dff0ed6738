import { describe, expect, it } from 'vitest';
import type { Embedder } from '../embeddings/embedder.js';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import { toVectorLiteral } from './chunk-table.js';
import { SearchRepository } from './search-repository.js';
import { knowledgeSearchServices, RandomEmbedder, syntheticDocument } from '../../../test/support/knowledge-search-fixtures.js';
import { scratchKnowledgeDatabasePerFile } from '../../../test/support/scratch-knowledge-database-per-file.js';

const database = scratchKnowledgeDatabasePerFile();
const services = (embedder: Embedder) => knowledgeSearchServices(() => database().em(), embedder);

describe('filtered HNSW search', () => {
  it('returns k rows for a tenant and scope that hold a small share of the index', async () => {
    const embedder = new RandomEmbedder();
    const { table, chunkIndex, store, search } = services(embedder);
    for (let i = 0; i < 20; i++)
      await store.insert(
        'crowd',
        { scope: 'menu', format: 'TEXT', tags: [], metadata: {} },
        await syntheticDocument(embedder, `crowd ${i}`, 100),
      );
    await store.insert(
      'small',
      { scope: 'faq', format: 'TEXT', tags: [], metadata: {} },
      await syntheticDocument(embedder, 'small faq', 12),
    );
    await store.insert(
      'small',
      { scope: 'menu', format: 'TEXT', tags: [], metadata: {} },
      await syntheticDocument(embedder, 'small menu', 12),
    );
    await chunkIndex.ensureVectorIndex(database().em());

    const hits = await search.search({ tenantId: 'small', scope: 'faq', query: 'anything', first: 10, mode: 'VECTOR', rerank: false });
    expect(hits).toHaveLength(10);
    expect(new Set(hits.map((hit) => hit.chunk.text.split(' part')[0]))).toEqual(new Set(['small faq']));

    // For a small tenant the planner may sort that tenant's rows exactly (also k rows). Forbid sorting so the HNSW
    // index must be walked: with iterative scans it still yields k rows, without them far fewer.
    const [queryVector] = await embedder.embed(['q']);
    const forced = (iterative: 'relaxed_order' | 'off') =>
      database()
        .em()
        .transactional(async (tx) => {
          await tx.execute('set local enable_sort = off');
          if (iterative === 'relaxed_order')
            return new SearchRepository(() => tx, table).vectorCandidates({ tenantId: 'small', scope: 'faq' }, queryVector!, {
              limit: 10,
              efSearch: 20,
              walk: 'planner',
            });
          await tx.execute('set local hnsw.iterative_scan = off');
          await tx.execute('set local hnsw.ef_search = 20');
          return tx.execute(
            `select c.id from ${table.chunks} c where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = 'small' and c.scope = 'faq'
           order by ${table.vectorExpression} ${table.distanceOperator} ?::${table.vectorType} limit 10`,
            [toVectorLiteral(queryVector!)],
          );
        });
    expect(await forced('relaxed_order')).toHaveLength(10);
    expect((await forced('off')).length).toBeLessThan(10);
  }, 120_000);

  it("uses the embedder's HNSW index", async () => {
    const embedder = new RandomEmbedder();
    const { table } = services(embedder);
    const plan = await database()
      .em()
      .transactional(async (tx) => {
        await tx.execute('set local enable_sort = off');
        return tx.execute<{ 'QUERY PLAN': string }[]>(
          `explain select c.id from ${table.chunks} c where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = 'crowd'
         order by ${table.vectorExpression} ${table.distanceOperator} ?::${table.vectorType} limit 10`,
          [`[${Array(32).fill(0.1).join(',')}]`],
        );
      });
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toContain(table.indexName);
  });
});

describe('embedder change', () => {
  it('refuses vector search over chunks of another embedder until a reindex re-embeds them', async () => {
    const before = services(new LexicalEmbedder({ dimensions: 256 }));
    await before.chunkIndex.ensureVectorIndex(database().em());
    const job = await before.ingestion.ingestAndWait('switcher', 'u1', {
      scope: 'faq',
      format: 'MARKDOWN',
      tags: [],
      metadata: {},
      content: '# Hours\n\nWe open at noon and close at ten.',
    });
    expect(job.status).toBe('SUCCEEDED');
    const ask = { tenantId: 'switcher', scope: null, query: 'when do you open', first: 3, rerank: false } as const;
    expect((await before.search.search({ ...ask, mode: 'HYBRID' }))[0]?.chunk.text).toContain('noon');

    const after = services(new LexicalEmbedder({ dimensions: 512 }));
    await after.chunkIndex.ensureVectorIndex(database().em());
    await expect(after.search.search({ ...ask, mode: 'VECTOR' })).rejects.toMatchObject({
      extensions: { code: 'EMBEDDER_CHANGED', staleChunks: 1 },
    });
    expect((await after.search.search({ ...ask, mode: 'KEYWORD' }))[0]?.chunk.text).toContain('noon');

    await after.ingestion.submitReindex('switcher', 'admin', null);
    await after.ingestion.idle();
    expect((await after.search.search({ ...ask, mode: 'VECTOR' }))[0]?.chunk.text).toContain('noon');
    // Other tenants' chunks are not touched by this tenant's reindex.
    await expect(after.search.search({ ...ask, tenantId: 'crowd', mode: 'VECTOR' })).rejects.toMatchObject({
      extensions: { code: 'EMBEDDER_CHANGED' },
    });
  }, 60_000);
});
