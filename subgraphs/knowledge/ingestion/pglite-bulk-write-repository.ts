import type { EmbeddedPglite, PgliteQueries } from '../../../db/embedded-pglite.js';
import type { SubgraphDatabase } from '../../../db/connection.js';
import type { Document } from '../documents/document.entity.js';
import type { ChunkTable } from '../search/chunk-table.js';
import type { ChunkRecord } from '../search/chunk-rows.js';
import { lexemeCountChanges, numberedPlaceholders } from '../search/lexeme-counts.js';
import { BinaryCopyWriter } from './binary-copy.js';

/** Writes chunks, with their documents and lexeme counts, in one transaction by a faster road than INSERT. */
export interface BulkChunkWriter {
  write(documents: readonly Document[], chunks: readonly ChunkRecord[]): Promise<void>;
  /** Swaps one document's chunks (reindex). */
  replaceChunks(tenantId: string, documentId: string, chunks: readonly ChunkRecord[]): Promise<void>;
}

/** A unique constraint (here: the same content, written by a concurrent ingestion) refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

const DOCUMENT_COLUMNS = [
  'id',
  'tenant_id',
  'slug',
  'title',
  'scope',
  'body',
  'tags',
  'applies_to_order_statuses',
  'content_hash',
  'format',
  'metadata',
  'byte_size',
  'chunk_count',
  'source_name',
  'created_at',
  'updated_at',
] as const;
const CHUNK_COLUMNS = 'id, tenant_id, document_id, scope, ordinal, title, text, heading_path, token_count, embedder_id, embedding';
/** 16 parameters a row: far below PostgreSQL's 65535 per statement. */
const DOCUMENTS_PER_INSERT = 500;

/**
 * On embedded PGlite, chunks go in by binary COPY (`/dev/blob`): parsing 2,000-number vector literals and the SQL
 * text around them was most of a bulk load's time (docs/benchmarks.md). Documents, a few hundred rows of plain
 * columns, are a parameterised INSERT in the same PGlite transaction, so a failure stores neither.
 */
export class PgliteBulkWriteRepository implements BulkChunkWriter {
  constructor(
    private readonly pglite: () => Promise<EmbeddedPglite>,
    private readonly table: ChunkTable,
  ) {}

  async write(documents: readonly Document[], chunks: readonly ChunkRecord[]): Promise<void> {
    const pglite = await this.pglite();
    await pglite.transaction(async (tx) => {
      for (let start = 0; start < documents.length; start += DOCUMENTS_PER_INSERT) {
        const batch = documents.slice(start, start + DOCUMENTS_PER_INSERT);
        const placeholders = batch.map(
          (_, row) => `(${DOCUMENT_COLUMNS.map((__, column) => `$${row * DOCUMENT_COLUMNS.length + column + 1}`).join(', ')})`,
        );
        await tx.query(
          `insert into ${this.table.documents} (${DOCUMENT_COLUMNS.join(', ')}) values ${placeholders.join(', ')}`,
          batch.flatMap(documentValues),
        );
      }
      await copyChunks(tx, this.table, chunks);
      for (const tenantId of new Set(documents.map((document) => document.tenantId))) {
        const ids = documents.filter((document) => document.tenantId === tenantId).map((document) => document.id);
        await countLexemes(tx, this.table, tenantId, ids, 1);
      }
    });
  }

  async replaceChunks(tenantId: string, documentId: string, chunks: readonly ChunkRecord[]): Promise<void> {
    const pglite = await this.pglite();
    await pglite.transaction(async (tx) => {
      await countLexemes(tx, this.table, tenantId, [documentId], -1);
      await tx.query(`delete from ${this.table.chunks} where tenant_id = $1 and document_id = $2`, [tenantId, documentId]);
      await copyChunks(tx, this.table, chunks);
      await countLexemes(tx, this.table, tenantId, [documentId], 1);
      await tx.query(`update ${this.table.documents} set chunk_count = $1, updated_at = now() where tenant_id = $2 and id = $3`, [
        chunks.length,
        tenantId,
        documentId,
      ]);
    });
  }
}

async function copyChunks(tx: PgliteQueries, table: ChunkTable, chunks: readonly ChunkRecord[]): Promise<void> {
  if (chunks.length === 0) return;
  await tx.query(`copy ${table.chunks} (${CHUNK_COLUMNS}) from '/dev/blob' with (format binary)`, [], {
    blob: new Blob([encodeChunks(chunks)]),
  });
}

async function countLexemes(
  tx: PgliteQueries,
  table: ChunkTable,
  tenantId: string,
  documentIds: readonly string[],
  sign: 1 | -1,
): Promise<void> {
  for (const { sql, params } of lexemeCountChanges(table, tenantId, documentIds, sign)) await tx.query(numberedPlaceholders(sql), params);
}

/** Binary COPY where the database is embedded PGlite; on PostgreSQL DocumentWriteRepository's multi-row INSERTs serve. */
export function bulkWriterFor(database: SubgraphDatabase, table: ChunkTable): BulkChunkWriter | undefined {
  if (database.kind !== 'pglite') return undefined;
  return new PgliteBulkWriteRepository(() => database.orm.em.getConnection().getNativeClient() as Promise<EmbeddedPglite>, table);
}

function documentValues(document: Document): unknown[] {
  return [
    document.id,
    document.tenantId,
    document.slug,
    document.title,
    document.scope,
    document.body,
    document.tags,
    document.appliesToOrderStatuses,
    document.contentHash,
    document.format,
    JSON.stringify(document.metadata),
    document.byteSize,
    document.chunkCount,
    document.sourceName,
    document.createdAt,
    document.updatedAt,
  ];
}

export function encodeChunks(chunks: readonly ChunkRecord[]): Uint8Array<ArrayBuffer> {
  const writer = new BinaryCopyWriter();
  for (const chunk of chunks) {
    writer
      .row(11)
      .uuid(chunk.id)
      .text(chunk.tenantId)
      .uuid(chunk.documentId)
      .text(chunk.scope)
      .integer(chunk.ordinal)
      .text(chunk.title)
      .text(chunk.text)
      .textArray(chunk.headingPath)
      .integer(chunk.tokenCount)
      .text(chunk.embedderId)
      .vector(chunk.embedding);
  }
  return writer.finish() as Uint8Array<ArrayBuffer>;
}
