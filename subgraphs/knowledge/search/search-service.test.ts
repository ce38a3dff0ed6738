import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { createLogger } from '../../../platform/logger.js';
import type { Embedder } from '../embeddings/embedder.js';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import type { PreparedDocument } from '../ingestion/prepare-document.js';
import { OfflineReranker } from '../rerank/offline-reranker.js';
import { DocumentStore } from '../services/document-store.js';
import { IngestionJobs } from '../services/ingestion-jobs.js';
import { IngestionService } from '../services/ingestion-service.js';
import { ChunkTable, toVectorLiteral } from './chunk-table.js';
import { vectorCandidates } from './search-queries.js';
import { SearchService } from './search-service.js';
import { openScratchKnowledgeDatabase } from '../scratch-database.js';

const logger = createLogger({ level: 'silent', service: 'test' });

/** Random unit vectors: enough rows to make a filtered HNSW scan come up short without iterative scans. */
class RandomEmbedder implements Embedder {
  readonly id = 'test-random:32';
  readonly dimensions = 32;
  async embed(texts: string[]): Promise<number[][]> {
    return texts.map(() => {
      const v = Array.from({ length: 32 }, () => Math.random() - 0.5);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    });
  }
}

function syntheticDocument(embedder: RandomEmbedder, label: string, chunks: number): Promise<PreparedDocument> {
  return embedder.embed(Array.from({ length: chunks }, () => '')).then((vectors) => ({
    title: label,
    text: label,
    contentHash: randomBytes(16).toString('hex'),
    byteSize: label.length,
    chunks: vectors.map((embedding, index) => ({ index, text: `${label} part ${index}`, tokenCount: 3, start: 0, end: 0, headingPath: [], oversized: false, embedding })),
  }));
}

let database: SubgraphDatabase;
beforeAll(async () => {
  database = await openScratchKnowledgeDatabase({ logger });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await closeAllEmbeddedPglite();
});

function services(embedder: Embedder) {
  const em = () => database.em();
  const table = ChunkTable.for(em(), embedder);
  const store = new DocumentStore(em, table);
  const search = new SearchService(em, table, embedder, store, new OfflineReranker());
  const ingestion = new IngestionService(em, new IngestionJobs(em), store, { embedder }, logger, async (tenant) => search.forgetStaleCount(tenant));
  return { table, store, search, ingestion };
}

describe('filtered HNSW search', () => {
  it('returns k rows for a tenant and scope that hold a small share of the index', async () => {
    const embedder = new RandomEmbedder();
    const { table, store, search } = services(embedder);
    for (let i = 0; i < 20; i++) await store.insert('crowd', { scope: 'menu', format: 'TEXT', tags: [], metadata: {} }, await syntheticDocument(embedder, `crowd ${i}`, 100));
    await store.insert('small', { scope: 'faq', format: 'TEXT', tags: [], metadata: {} }, await syntheticDocument(embedder, 'small faq', 12));
    await store.insert('small', { scope: 'menu', format: 'TEXT', tags: [], metadata: {} }, await syntheticDocument(embedder, 'small menu', 12));
    await table.ensureVectorIndex(database.em());

    const hits = await search.search({ tenantId: 'small', scope: 'faq', query: 'anything', first: 10, mode: 'VECTOR', rerank: false });
    expect(hits).toHaveLength(10);
    expect(new Set(hits.map((hit) => hit.chunk.text.split(' part')[0]))).toEqual(new Set(['small faq']));

    // For a small tenant the planner may sort that tenant's rows exactly (also k rows). Forbid sorting so the HNSW
    // index must be walked: with iterative scans it still yields k rows, without them far fewer.
    const [queryVector] = await embedder.embed(['q']);
    const forced = (iterative: 'relaxed_order' | 'off') =>
      database.em().transactional(async (tx) => {
        await tx.execute('set local enable_sort = off');
        if (iterative === 'relaxed_order') return vectorCandidates(tx, table, { tenantId: 'small', scope: 'faq' }, queryVector!, 10, 20);
        await tx.execute('set local hnsw.iterative_scan = off');
        await tx.execute('set local hnsw.ef_search = 20');
        return tx.execute(
          `select c.id from ${table.chunks} c where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = 'small' and c.scope = 'faq'
           order by ${table.vectorExpression} <=> ?::${table.vectorType} limit 10`,
          [toVectorLiteral(queryVector!)],
        );
      });
    expect(await forced('relaxed_order')).toHaveLength(10);
    expect((await forced('off')).length).toBeLessThan(10);
  }, 120_000);

  it('uses the embedder\'s HNSW index', async () => {
    const embedder = new RandomEmbedder();
    const { table } = services(embedder);
    const plan = await database.em().transactional(async (tx) => {
      await tx.execute('set local enable_sort = off');
      return tx.execute<{ 'QUERY PLAN': string }[]>(
        `explain select c.id from ${table.chunks} c where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = 'crowd'
         order by ${table.vectorExpression} <=> ?::${table.vectorType} limit 10`,
        [`[${Array(32).fill(0.1).join(',')}]`],
      );
    });
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toContain(table.indexName);
  });
});

describe('embedder change', () => {
  it('refuses vector search over chunks of another embedder until a reindex re-embeds them', async () => {
    const before = services(new LexicalEmbedder({ dimensions: 256 }));
    await before.table.ensureVectorIndex(database.em());
    const job = await before.ingestion.ingestAndWait('switcher', 'u1', { scope: 'faq', format: 'MARKDOWN', tags: [], metadata: {}, content: '# Hours\n\nWe open at noon and close at ten.' });
    expect(job.status).toBe('SUCCEEDED');
    const ask = { tenantId: 'switcher', scope: null, query: 'when do you open', first: 3, rerank: false } as const;
    expect((await before.search.search({ ...ask, mode: 'HYBRID' }))[0]?.chunk.text).toContain('noon');

    const after = services(new LexicalEmbedder({ dimensions: 512 }));
    await after.table.ensureVectorIndex(database.em());
    await expect(after.search.search({ ...ask, mode: 'VECTOR' })).rejects.toMatchObject({ extensions: { code: 'EMBEDDER_CHANGED', staleChunks: 1 } });
    expect((await after.search.search({ ...ask, mode: 'KEYWORD' }))[0]?.chunk.text).toContain('noon');

    await after.ingestion.submitReindex('switcher', 'admin', null);
    await after.ingestion.idle();
    expect((await after.search.search({ ...ask, mode: 'VECTOR' }))[0]?.chunk.text).toContain('noon');
    // Other tenants' chunks are not touched by this tenant's reindex.
    await expect(after.search.search({ ...ask, tenantId: 'crowd', mode: 'VECTOR' })).rejects.toMatchObject({ extensions: { code: 'EMBEDDER_CHANGED' } });
  }, 60_000);
});
