import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Document } from '../documents/document.entity.js';
import type { DocumentRepository } from '../documents/document-repository.js';
import type { ChunkRepository } from '../search/chunk-repository.js';
import type { ChunkRecord } from '../search/chunk-rows.js';
import type { PreparedChunk, PreparedDocument } from './prepare-document.js';
import { isUniqueViolation, type BulkChunkWriter } from './pglite-bulk-write-repository.js';

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

/**
 * Writes a document and all its chunks in ONE short transaction (everything slow happened before), so a failure
 * leaves nothing half-indexed. Every statement is scoped by tenant.
 */
export class DocumentWriteRepository {
  constructor(
    private readonly em: () => EntityManager,
    private readonly documents: DocumentRepository,
    private readonly chunks: ChunkRepository,
    /** A faster road for bulk loads where the database has one (PGlite: binary COPY); else multi-row INSERTs. */
    private readonly bulkWriter?: BulkChunkWriter,
  ) {}

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
          await this.documents.insert(tx, [row]);
          await this.chunks.insert(tx, chunks);
          await this.chunks.countLexemes(tx, tenantId, [id], 1);
        });
      }
      return { id, created: true };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) && !isUniqueViolation(error)) throw error;
      const existing = await this.documents.findIdByContentHash(tenantId, prepared.contentHash);
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
    const known = new Set(await this.documents.storedContentHashes(tenantId, hashes));
    const fresh = documents.filter(({ prepared }) => !known.has(prepared.contentHash) && (known.add(prepared.contentHash), true));
    const now = new Date();
    const withIds = fresh.map((entry) => ({ ...entry, id: entry.document.id ?? randomUUID() }));
    const rows = withIds.map(({ document, prepared, id }) => documentRow(id, tenantId, document, prepared, now));
    const chunks = withIds.flatMap(({ document, prepared, id }) =>
      this.chunkRecords(tenantId, { id, scope: document.scope, title: prepared.title }, prepared.chunks),
    );
    if (this.bulkWriter) {
      await this.bulkWriter.write(rows, chunks);
    } else {
      await this.em().transactional(async (tx) => {
        await this.documents.insert(tx, rows);
        await this.chunks.insert(tx, chunks);
        await this.chunks.countLexemes(
          tx,
          tenantId,
          rows.map((row) => row.id),
          1,
        );
      });
    }
    return withIds.map(({ id }) => id);
  }

  /** Swaps a document's chunks for freshly embedded ones (reindex), atomically. */
  async replaceChunks(tenantId: string, document: Pick<Document, 'id' | 'scope' | 'title'>, chunks: PreparedChunk[]): Promise<void> {
    const records = this.chunkRecords(tenantId, document, chunks);
    if (this.bulkWriter) return this.bulkWriter.replaceChunks(tenantId, document.id, records);
    await this.em().transactional(async (tx) => {
      await this.chunks.countLexemes(tx, tenantId, [document.id], -1);
      await this.chunks.deleteOfDocument(tx, tenantId, document.id);
      await this.chunks.insert(tx, records);
      await this.chunks.countLexemes(tx, tenantId, [document.id], 1);
      await this.documents.setChunkCount(tx, tenantId, document.id, chunks.length);
    });
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
      embedderId: this.chunks.table.embedder.id,
      embedding: chunk.embedding,
    }));
  }
}

interface ChunkOwner {
  id: string;
  scope: string;
  title: string;
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
