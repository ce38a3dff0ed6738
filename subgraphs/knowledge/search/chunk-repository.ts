import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import { toVectorLiteral, type ChunkTable } from './chunk-table.js';
import { toStoredChunk, toTextArrayLiteral, type ChunkRecord, type ChunkRow, type StoredChunk } from './chunk-rows.js';
import { lexemeCountChanges } from './lexeme-counts.js';

/** Rows per INSERT: keeps the statement's parameter count (11 per row) far below PostgreSQL's 65535. */
const CHUNK_ROWS_PER_INSERT = 50;

/** A page of a document's chunks by ordinal (ordinals run from 0 without gaps). */
export interface ChunkWindow {
  offset: number;
  first: number;
}

const CHUNK_FIELDS = 'id, document_id, ordinal, title, text, heading_path, token_count, embedder_id';

/**
 * The chunks table and the lexeme counts that must always match it. Reads are scoped by tenant in the query itself;
 * writes take the caller's transaction, since chunks are written together with their document.
 */
export class ChunkRepository {
  constructor(
    private readonly em: () => EntityManager,
    readonly table: ChunkTable,
  ) {}

  /**
   * Each document's chunks in order from ordinal `offset`, at most `first` of each, in one query (the batch of a
   * DataLoader). Bounded so that no request reads a whole knowledge base into one result (docs/security.md, "Memory").
   */
  async chunksOfDocuments(tenantId: string, documentIds: readonly string[], window: ChunkWindow): Promise<StoredChunk[][]> {
    const valid = documentIds.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await this.em().execute<ChunkRow[]>(
            `select ${CHUNK_FIELDS} from ${this.table.chunks} where tenant_id = ? and document_id in (${valid.map(() => '?').join(',')})
             and ordinal >= ? and ordinal < ? order by ordinal`,
            [tenantId, ...valid, window.offset, window.offset + window.first],
          );
    const byDocument = new Map<string, StoredChunk[]>();
    for (const chunk of rows.map(toStoredChunk)) {
      const list = byDocument.get(chunk.documentId);
      if (list) list.push(chunk);
      else byDocument.set(chunk.documentId, [chunk]);
    }
    return documentIds.map((id) => byDocument.get(id) ?? []);
  }

  async chunksByIds(tenantId: string, ids: readonly string[]): Promise<Map<string, StoredChunk>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.em().execute<ChunkRow[]>(
      `select ${CHUNK_FIELDS} from ${this.table.chunks} where tenant_id = ? and id in (${valid.map(() => '?').join(',')})`,
      [tenantId, ...valid],
    );
    return new Map(rows.map((row) => [row.id, toStoredChunk(row)]));
  }

  /** Chunks of this tenant embedded by another embedder (or none): vector search cannot see them until a reindex. */
  async staleChunkCount(tenantId: string): Promise<number> {
    const [row] = await this.em().execute<{ count: string | number }[]>(
      `select count(*) as count from ${this.table.chunks} where tenant_id = ? and embedder_id is distinct from ${this.table.embedderLiteral}`,
      [tenantId],
    );
    return Number(row?.count ?? 0);
  }

  /** Adds (1, after writing chunks) or subtracts (-1, before deleting them) the documents' chunks to their tenant's counts. */
  async countLexemes(tx: EntityManager, tenantId: string, documentIds: readonly string[], sign: 1 | -1): Promise<void> {
    for (const { sql, params } of lexemeCountChanges(this.table, tenantId, documentIds, sign)) await tx.execute(sql, params);
  }

  async deleteOfDocument(tx: EntityManager, tenantId: string, documentId: string): Promise<void> {
    await tx.execute(`delete from ${this.table.chunks} where tenant_id = ? and document_id = ?`, [tenantId, documentId]);
  }

  async insert(tx: EntityManager, records: readonly ChunkRecord[]): Promise<void> {
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
