import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { isUuid } from '../../../platform/is-uuid.js';
import { DocumentEntity, type Document } from '../documents/document.entity.js';
import type { PreparedChunk, PreparedDocument } from './prepare-document.js';
import { toVectorLiteral, type ChunkTable } from '../search/chunk-table.js';
import { lexemeCountChanges } from '../search/lexeme-counts.js';
import { isUniqueViolation, type BulkChunkWriter, type ChunkRecord } from './pglite-bulk-write-repository.js';

export interface NewDocument {
  id?: string;
  slug?: string | null;
  scope: string;
  format: string;
  tags: string[];
  metadata: Record<string, unknown>;
  appliesToOrderStatuses?: string[];
  sourceName?: string | null;
}

export interface StoredChunk {
  id: string;
  documentId: string;
  ordinal: number;
  /** The document's title, denormalised for full-text weighting. */
  title: string;
  text: string;
  headingPath: string[];
  tokenCount: number;
  embedderId: string | null;
}

/** Rows per INSERT: keeps the statement's parameter count (11 per row) far below PostgreSQL's 65535. */
const CHUNK_ROWS_PER_INSERT = 50;

/**
 * Writes a document and all its chunks in ONE short transaction (everything slow happened before), so a failure
 * leaves nothing half-indexed. Every statement is scoped by tenant.
 */
export class DocumentStore {
  constructor(
    private readonly em: () => EntityManager,
    private readonly table: ChunkTable,
    /** A faster road for bulk loads where the database has one (PGlite: binary COPY); else multi-row INSERTs. */
    private readonly bulkWriter?: BulkChunkWriter,
  ) {}

  async findIdByContentHash(tenantId: string, contentHash: string): Promise<string | null> {
    const found = await this.em().findOne(DocumentEntity, { tenantId, contentHash }, { fields: ['id'] });
    return found?.id ?? null;
  }

  /** Returns the new document's ID, or the existing one's when the same content won a race (`created: false`). */
  async insert(tenantId: string, document: NewDocument, prepared: PreparedDocument): Promise<{ id: string; created: boolean }> {
    const id = document.id ?? randomUUID();
    const row = documentRow(id, tenantId, document, prepared, new Date());
    const chunks = this.chunkRecords(tenantId, { id, scope: document.scope, title: prepared.title }, prepared.chunks);
    try {
      if (this.bulkWriter) {
        await this.bulkWriter.write([row], chunks);
      } else {
        await this.em().transactional(async (tx) => {
          tx.create(DocumentEntity, row);
          await tx.flush();
          await this.insertChunkRecords(tx, chunks);
          await this.countLexemes(tx, tenantId, [id], 1);
        });
      }
      return { id, created: true };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) && !isUniqueViolation(error)) throw error;
      const existing = await this.findIdByContentHash(tenantId, prepared.contentHash);
      if (!existing) throw error;
      return { id: existing, created: false };
    }
  }

  /**
   * Bulk load: many documents and their chunks in one transaction, by COPY where the database allows it, else by
   * multi-row inserts. Content already stored (or repeated within the batch) is skipped. Returns the IDs inserted.
   */
  async insertMany(tenantId: string, documents: { document: NewDocument; prepared: PreparedDocument }[]): Promise<string[]> {
    const hashes = [...new Set(documents.map(({ prepared }) => prepared.contentHash))];
    const known = new Set(
      (await this.em().find(DocumentEntity, { tenantId, contentHash: { $in: hashes } }, { fields: ['contentHash'] })).map((row) => row.contentHash),
    );
    const fresh = documents.filter(({ prepared }) => !known.has(prepared.contentHash) && (known.add(prepared.contentHash), true));
    const now = new Date();
    const withIds = fresh.map((entry) => ({ ...entry, id: entry.document.id ?? randomUUID() }));
    const rows = withIds.map(({ document, prepared, id }) => documentRow(id, tenantId, document, prepared, now));
    const chunks = withIds.flatMap(({ document, prepared, id }) => this.chunkRecords(tenantId, { id, scope: document.scope, title: prepared.title }, prepared.chunks));
    if (this.bulkWriter) {
      await this.bulkWriter.write(rows, chunks);
    } else {
      await this.em().transactional(async (tx) => {
        for (const row of rows) tx.create(DocumentEntity, row);
        await tx.flush();
        await this.insertChunkRecords(tx, chunks);
        await this.countLexemes(tx, tenantId, rows.map((row) => row.id), 1);
      });
    }
    return withIds.map(({ id }) => id);
  }

  /** Swaps a document's chunks for freshly embedded ones (reindex), atomically. */
  async replaceChunks(tenantId: string, document: Pick<Document, 'id' | 'scope' | 'title'>, chunks: PreparedChunk[]): Promise<void> {
    const records = this.chunkRecords(tenantId, document, chunks);
    if (this.bulkWriter) return this.bulkWriter.replaceChunks(tenantId, document.id, records);
    await this.em().transactional(async (tx) => {
      await this.countLexemes(tx, tenantId, [document.id], -1);
      await tx.execute(`delete from ${this.table.chunks} where tenant_id = ? and document_id = ?`, [tenantId, document.id]);
      await this.insertChunkRecords(tx, records);
      await this.countLexemes(tx, tenantId, [document.id], 1);
      await tx.execute(`update ${this.table.documents} set chunk_count = ?, updated_at = now() where tenant_id = ? and id = ?`, [chunks.length, tenantId, document.id]);
    });
  }

  analyze(): Promise<void> {
    return this.table.analyze(this.em());
  }

  /** Chunks go with the document (foreign key on delete cascade), and leave the lexeme counts with it. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.em().transactional(async (tx) => {
      await this.countLexemes(tx, tenantId, [id], -1);
      return (await tx.nativeDelete(DocumentEntity, { tenantId, id })) > 0;
    });
  }

  /** Each document's chunks in order, in one query (the batch of a DataLoader). */
  async chunksOfDocuments(tenantId: string, documentIds: readonly string[]): Promise<StoredChunk[][]> {
    const valid = documentIds.filter(isUuid);
    const rows = valid.length === 0 ? [] : await this.em().execute<ChunkRow[]>(
      `select id, document_id, ordinal, title, text, heading_path, token_count, embedder_id from ${this.table.chunks} where tenant_id = ? and document_id in (${valid.map(() => '?').join(',')}) order by ordinal`,
      [tenantId, ...valid],
    );
    const chunks = rows.map(toStoredChunk);
    return documentIds.map((id) => chunks.filter((chunk) => chunk.documentId === id));
  }

  async chunksByIds(tenantId: string, ids: readonly string[]): Promise<Map<string, StoredChunk>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.em().execute<ChunkRow[]>(
      `select id, document_id, ordinal, title, text, heading_path, token_count, embedder_id from ${this.table.chunks} where tenant_id = ? and id in (${valid.map(() => '?').join(',')})`,
      [tenantId, ...valid],
    );
    return new Map(rows.map((row) => [row.id, toStoredChunk(row)]));
  }

  private async countLexemes(tx: EntityManager, tenantId: string, documentIds: readonly string[], sign: 1 | -1): Promise<void> {
    for (const { sql, params } of lexemeCountChanges(this.table, tenantId, documentIds, sign)) await tx.execute(sql, params);
  }

  private chunkRecords(tenantId: string, document: ChunkOwner, chunks: readonly PreparedChunk[]): ChunkRecord[] {
    return chunks.map((chunk) => ({
      id: randomUUID(),
      tenantId,
      documentId: document.id,
      scope: document.scope,
      ordinal: chunk.index,
      title: document.title,
      text: chunk.text,
      headingPath: chunk.headingPath,
      tokenCount: chunk.tokenCount,
      embedderId: this.table.embedder.id,
      embedding: chunk.embedding,
    }));
  }

  private async insertChunkRecords(tx: EntityManager, records: readonly ChunkRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += CHUNK_ROWS_PER_INSERT) {
      const batch = records.slice(start, start + CHUNK_ROWS_PER_INSERT);
      const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?::vector)').join(', ');
      const params = batch.flatMap((record) => [
        record.id,
        record.tenantId,
        record.documentId,
        record.scope,
        record.ordinal,
        record.title,
        record.text,
        toTextArrayLiteral(record.headingPath),
        record.tokenCount,
        record.embedderId,
        toVectorLiteral(record.embedding),
      ]);
      await tx.execute(
        `insert into ${this.table.chunks} (id, tenant_id, document_id, scope, ordinal, title, text, heading_path, token_count, embedder_id, embedding) values ${values}`,
        params,
      );
    }
  }
}

function documentRow(id: string, tenantId: string, document: NewDocument, prepared: PreparedDocument, now: Date): Document {
  return {
    id,
    tenantId,
    slug: document.slug ?? null,
    title: prepared.title,
    scope: document.scope,
    body: prepared.text,
    tags: document.tags,
    appliesToOrderStatuses: document.appliesToOrderStatuses ?? [],
    contentHash: prepared.contentHash,
    format: document.format,
    metadata: document.metadata,
    byteSize: prepared.byteSize,
    chunkCount: prepared.chunks.length,
    sourceName: document.sourceName ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

interface ChunkOwner {
  id: string;
  scope: string;
  title: string;
}

interface ChunkRow {
  id: string;
  document_id: string;
  ordinal: number;
  title: string;
  text: string;
  heading_path: string[] | string;
  token_count: number;
  embedder_id: string | null;
}

function toStoredChunk(row: ChunkRow): StoredChunk {
  return {
    id: row.id,
    documentId: row.document_id,
    ordinal: row.ordinal,
    title: row.title,
    text: row.text,
    headingPath: parseTextArray(row.heading_path),
    tokenCount: row.token_count,
    embedderId: row.embedder_id,
  };
}

/** `{"a","b \"c\""}`: a text[] literal, so arrays need no driver-specific parameter handling. */
export function toTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** Drivers return text[] parsed (pg) or as its literal (PGlite with raw array parsing). */
export function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  if (value === '{}') return [];
  const out: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g;
  for (const match of value.slice(1, -1).matchAll(pattern)) {
    out.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
  }
  return out;
}
