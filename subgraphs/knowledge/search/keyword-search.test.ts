import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { knowledgeMigrations } from '../../../db/migrations/knowledge/index.js';
import { createLogger } from '../../../platform/logger.js';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import { prepareDocument } from '../ingestion/prepare-document.js';
import { OfflineReranker } from '../rerank/offline-reranker.js';
import { DocumentRepository } from '../documents/document-repository.js';
import { DocumentWriteRepository } from '../ingestion/document-write-repository.js';
import { bulkWriterFor } from '../ingestion/pglite-bulk-write-repository.js';
import { ChunkRepository } from './chunk-repository.js';
import { ChunkTable } from './chunk-table.js';
import { rarestTerms, type KeywordTerm } from './keyword-terms.js';
import { SearchRepository } from './search-repository.js';
import { SearchService } from './search-service.js';
import { openScratchKnowledgeDatabase } from '../../../test/support/scratch-knowledge-database.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const embedder = new LexicalEmbedder({ dimensions: 64 });
const databases: SubgraphDatabase[] = [];

const open = async (schema: string, migrations = knowledgeMigrations) => {
  const database = await openScratchKnowledgeDatabase({ schema, migrations, logger });
  databases.push(database);
  return database;
};

let database: SubgraphDatabase;
let table: ChunkTable;
beforeAll(async () => {
  database = await open(`k${randomBytes(4).toString('hex')}`);
  table = ChunkTable.for(database.em(), embedder);
}, 60_000);
afterAll(async () => {
  for (const opened of databases) await opened.close();
  await closeAllEmbeddedPglite();
});

const prepared = async (content: string) => (await prepareDocument({ format: 'TEXT', content, scope: 'faq', title: null }, { embedder }))!;
const newDocument = { scope: 'faq', format: 'TEXT', tags: [], metadata: {} };

/** The counts as stored, and as recounted from the chunks themselves: they must always agree. */
async function counts(db: SubgraphDatabase, tenantId: string) {
  const t = ChunkTable.for(db.em(), embedder);
  const stored = await db
    .em()
    .execute<{ lexeme: string; chunk_count: number }[]>(
      `select lexeme, chunk_count from ${t.lexemeCounts} where tenant_id = ? and chunk_count <> 0 order by lexeme`,
      [tenantId],
    );
  const recounted = await db
    .em()
    .execute<{ lexeme: string; chunk_count: number }[]>(
      `select lexeme, count(*)::int as chunk_count from ${t.chunks} c, unnest(tsvector_to_array(c.search_vector)) as lexeme where c.tenant_id = ? group by lexeme order by lexeme`,
      [tenantId],
    );
  const [total] = await db
    .em()
    .execute<{ chunk_count: number }[]>(`select chunk_count from ${t.tenantChunkCounts} where tenant_id = ?`, [tenantId]);
  const [chunks] = await db.em().execute<{ n: number }[]>(`select count(*)::int as n from ${t.chunks} where tenant_id = ?`, [tenantId]);
  return { stored, recounted, total: total?.chunk_count ?? 0, chunks: chunks!.n };
}

describe('lexeme counts', () => {
  it.each(['INSERT', 'COPY'] as const)(
    'follow every write by %s: insert, bulk insert, chunk replacement, delete',
    async (road) => {
      const em = () => database.em();
      const chunks = new ChunkRepository(em, table);
      const documents = new DocumentRepository(em, chunks);
      const store = new DocumentWriteRepository(em, documents, chunks, road === 'COPY' ? bulkWriterFor(database, table) : undefined);
      const tenant = `counted-${road}`;
      const first = await store.insert(tenant, newDocument, await prepared('Gluten free pasta is cooked separately.'));
      expect(first.created).toBe(true);
      // The same content again (as a concurrent ingestion would write it) is refused by the unique index.
      expect(await store.insert(tenant, newDocument, await prepared('Gluten free pasta is cooked separately.'))).toEqual({
        id: first.id,
        created: false,
      });
      await store.insertMany(tenant, [
        { document: newDocument, prepared: await prepared('Our pasta sauce contains nuts.') },
        { document: newDocument, prepared: await prepared('Nuts are listed on the allergen card.') },
        { document: newDocument, prepared: await prepared('Vegan pasta on request.') },
      ]);
      let now = await counts(database, tenant);
      expect(now.stored).toEqual(now.recounted);
      expect(now.stored.find((row) => row.lexeme === 'pasta')?.chunk_count).toBe(3);
      expect(now.total).toBe(4);

      const replacement = await prepared('Gluten free bread is baked separately.');
      await store.replaceChunks(tenant, { id: first.id, scope: 'faq', title: 'Gluten' }, replacement.chunks);
      now = await counts(database, tenant);
      expect(now.stored).toEqual(now.recounted);
      expect(now.stored.find((row) => row.lexeme === 'pasta')?.chunk_count).toBe(2);
      const [{ chunk_count: chunkCount } = { chunk_count: -1 }] = await database
        .em()
        .execute<{ chunk_count: number }[]>(`select chunk_count from ${table.documents} where id = ?`, [first.id]);
      expect(chunkCount).toBe(replacement.chunks.length);

      expect(await documents.delete(tenant, first.id)).toBe(true);
      now = await counts(database, tenant);
      expect(now.stored).toEqual(now.recounted);
      expect(now.stored.find((row) => row.lexeme === 'bread')).toBeUndefined();
      expect(now.total).toBe(now.chunks);
      expect(now.total).toBe(3);
    },
    60_000,
  );

  it('are filled from chunks stored before they existed (migration 0003)', async () => {
    const schema = `k${randomBytes(4).toString('hex')}`;
    const before = await open(schema, knowledgeMigrations.slice(0, 2));
    const oldTable = ChunkTable.for(before.em(), embedder);
    // Migration 0002's store: chunks written without counts.
    const document = await prepared('Delivery takes thirty minutes within the ring road.');
    await before
      .em()
      .execute(
        `insert into ${oldTable.documents} (id, tenant_id, title, scope, body, content_hash) values ('00000000-0000-4000-8000-000000000001', 'old', 't', 'faq', 'b', 'h')`,
      );
    await before
      .em()
      .execute(
        `insert into ${oldTable.chunks} (id, tenant_id, document_id, scope, ordinal, title, text, token_count) values ('00000000-0000-4000-8000-000000000002', 'old', '00000000-0000-4000-8000-000000000001', 'faq', 0, 't', ?, 9)`,
        [document.chunks[0]!.text],
      );
    const after = await open(schema);
    const now = await counts(after, 'old');
    expect(now.stored).toEqual(now.recounted);
    expect(now.stored.map((row) => row.lexeme)).toContain('ring');
    expect(now.total).toBe(1);
  }, 60_000);
});

describe('keyword search', () => {
  // The table is opened in the file's beforeAll.
  let store: DocumentWriteRepository;
  let search: SearchService;
  beforeAll(() => {
    const em = () => database.em();
    const chunks = new ChunkRepository(em, table);
    store = new DocumentWriteRepository(em, new DocumentRepository(em, chunks), chunks);
    search = new SearchService(new SearchRepository(em, table), chunks, embedder, new OfflineReranker());
  });
  const ingest = async (tenant: string, texts: string[]) =>
    store.insertMany(tenant, await Promise.all(texts.map(async (text) => ({ document: newDocument, prepared: await prepared(text) }))));

  it('ranks by the rarity of the words matched, per tenant', async () => {
    const tenant = 'ranked';
    const texts = [
      'The soup of the day is served with bread.',
      'Bread is baked every morning.',
      'Bread and butter come with every main.',
      'Saffron risotto is our chef special.',
    ];
    await ingest(tenant, texts);
    // Another tenant where saffron is everywhere must not change this tenant's weights.
    await ingest('saffron-shop', ['Saffron tea', 'Saffron rice', 'Saffron buns']);

    const hits = await search.search({
      tenantId: tenant,
      scope: null,
      query: 'bread with saffron',
      first: 4,
      mode: 'KEYWORD',
      rerank: false,
    });
    // "saffron" (1 of 4 chunks) outweighs "bread" (3 of 4).
    expect(hits[0]?.chunk.text).toContain('Saffron risotto');
    expect(hits.map((hit) => hit.chunk.text)).toHaveLength(4);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]?.highlight).toContain('<mark>Saffron</mark>');
    expect(hits.every((hit) => !hit.chunk.text.startsWith('Saffron tea'))).toBe(true);
  }, 60_000);

  it('scores the candidates by BM25: repeated words count, long chunks are normalised', async () => {
    const tenant = 'bm25';
    const texts = [
      'Truffle pasta with parmesan, butter, black pepper, parsley, lemon zest, garlic, olive oil and toasted crumbs.',
      'Truffle fries. Truffle mayo. Truffle salt.',
      'Bread of the day.',
    ];
    await ingest(tenant, texts);
    const hits = await search.search({ tenantId: tenant, scope: null, query: 'truffle', first: 5, mode: 'KEYWORD', rerank: false });
    expect(hits.map((hit) => hit.chunk.text)).toEqual([texts[1], texts[0]]);
    // Both hold the one word, so only term frequency and length tell them apart.
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  }, 60_000);

  it('reads the rarest words first, within a row budget, and always at least one word', () => {
    const term = (lexeme: string, chunkCount: number): KeywordTerm => ({ lexeme, chunkCount, idf: 0 });
    const terms = [term('common', 4000), term('rare', 10), term('mid', 900), term('rarer', 2)];
    expect(rarestTerms(terms, { maxTerms: 12, rowBudget: 1000 }).map((t) => t.lexeme)).toEqual(['rarer', 'rare', 'mid']);
    expect(rarestTerms(terms, { maxTerms: 2, rowBudget: 10_000 }).map((t) => t.lexeme)).toEqual(['rarer', 'rare']);
    expect(rarestTerms([term('common', 4000)], { maxTerms: 12, rowBudget: 1000 }).map((t) => t.lexeme)).toEqual(['common']);
    expect(rarestTerms([], { maxTerms: 12, rowBudget: 1000 })).toEqual([]);
  });
});
