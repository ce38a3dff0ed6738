import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { PreparedDocument } from './prepare-document.js';
import { ChunkTable } from '../search/chunk-table.js';
import { DocumentRepository } from '../documents/document-repository.js';
import { ChunkRepository } from '../search/chunk-repository.js';
import { DocumentWriteRepository, type NewDocument } from './document-write-repository.js';
import { bulkWriterFor, type BulkChunkWriter } from './pglite-bulk-write-repository.js';
import { scratchKnowledgeDatabasePerFile } from '../../../test/support/scratch-knowledge-database-per-file.js';

const embedder = { id: 'test-fixed:4', dimensions: 4 };

const database = scratchKnowledgeDatabasePerFile();

function documents(): { document: NewDocument; prepared: PreparedDocument }[] {
  const chunk = (index: number, text: string, headingPath: string[], embedding: number[]) => ({
    index,
    text,
    tokenCount: 7 + index,
    start: 0,
    end: 0,
    headingPath,
    oversized: false,
    embedding,
  });
  return [
    {
      document: {
        scope: 'faq',
        format: 'MARKDOWN',
        tags: ['refunds', 'naïve "quotes"'],
        metadata: { source: 'wiki', nested: { n: 1 } },
        slug: 'refunds',
        sourceName: 'refunds.md',
        appliesToOrderStatuses: ['CANCELLED'],
      },
      prepared: {
        title: 'Refunds — how they work',
        text: 'Refunds are issued within five days.',
        contentHash: randomBytes(16).toString('hex'),
        byteSize: 36,
        chunks: [
          chunk(0, 'Refunds are issued within five days.', ['Refunds', 'Timing, "fast"', 'ünïcode {braces}'], [0.5, -0.25, 1e-7, 0.125]),
          chunk(1, 'Card refunds take longer: up to ten days.\nNew line and tab\t.', [], [0, 0, 1, 0]),
        ],
      },
    },
    {
      document: { scope: 'menu', format: 'TEXT', tags: [], metadata: {} },
      prepared: {
        title: 'Soups',
        text: 'Tomato soup',
        contentHash: randomBytes(16).toString('hex'),
        byteSize: 11,
        chunks: [chunk(0, 'Tomato soup with basil', [], [0.1, 0.2, 0.3, 0.4])],
      },
    },
  ];
}

/** Documents and chunks written by multi-row INSERTs, or by `writer` where given. */
function documentWrites(table: ChunkTable, writer?: BulkChunkWriter): DocumentWriteRepository {
  const em = () => database().em();
  const chunks = new ChunkRepository(em, table);
  return new DocumentWriteRepository(em, new DocumentRepository(em, chunks), chunks, writer);
}

/** Everything a search or a reader sees of a tenant's rows, without the generated IDs. */
async function storedRows(tenantId: string) {
  const table = ChunkTable.for(database().em(), embedder);
  const docs = await database()
    .em()
    .execute(
      `select slug, title, scope, body, tags, applies_to_order_statuses, content_hash, format, metadata, byte_size, chunk_count, source_name from ${table.documents} where tenant_id = ? order by title`,
      [tenantId],
    );
  const chunks = await database()
    .em()
    .execute(
      `select d.title as document, c.scope, c.ordinal, c.title, c.text, c.heading_path, c.token_count, c.embedder_id, c.embedding::text as embedding, c.search_vector::text as search_vector
     from ${table.chunks} c join ${table.documents} d on d.id = c.document_id where c.tenant_id = ? order by d.title, c.ordinal`,
      [tenantId],
    );
  return { docs, chunks };
}

describe('bulk loading by binary COPY on PGlite', () => {
  it('stores documents and chunks exactly as the INSERT path does', async () => {
    const table = ChunkTable.for(database().em(), embedder);
    const writer = bulkWriterFor(database(), table);
    expect(writer).toBeDefined();
    const batch = documents();
    await documentWrites(table).insertMany('by-insert', batch);
    await documentWrites(table, writer).insertMany('by-copy', batch);

    const expected = await storedRows('by-insert');
    expect(expected.chunks).toHaveLength(3);
    expect(expected.chunks[0]).toMatchObject({
      heading_path: ['Refunds', 'Timing, "fast"', 'ünïcode {braces}'],
      embedding: '[0.5,-0.25,1e-07,0.125]',
    });
    expect(await storedRows('by-copy')).toEqual(expected);
  });

  it('stores nothing when any row fails', async () => {
    const table = ChunkTable.for(database().em(), embedder);
    const batch = documents();
    batch[1]!.prepared.chunks[0]!.embedding = [Number.NaN, 0, 0, 0];
    await expect(documentWrites(table, bulkWriterFor(database(), table)).insertMany('failing', batch)).rejects.toThrow(/NaN/);
    expect(await storedRows('failing')).toEqual({ docs: [], chunks: [] });
  });
});
