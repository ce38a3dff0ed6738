import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import { toVectorLiteral, type ChunkTable } from './chunk-table.js';
import { toStoredChunk, toTextArrayLiteral, type ChunkRecord, type ChunkRow, type StoredChunk } from './chunk-rows.js';
import { lexemeCountChanges } from './lexeme-counts.js';

/** Rows per INSERT: keeps the statement's parameter count (11 per row) far below PostgreSQL's 65535. */
const CHUNK_ROWS_PER_INSERT = 50;

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

  /** Each document's chunks in order, in one query (the batch of a DataLoader). */
  async chunksOfDocuments(tenantId: string, documentIds: readonly string[]): Promise<StoredChunk[][]> {
    const valid = documentIds.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await this.em().execute<ChunkRow[]>(
            `select ${CHUNK_FIELDS} from ${this.table.chunks} where tenant_id = ? and document_id in (${valid.map(() => '?').join(',')}) order by ordinal`,
            [tenantId, ...valid],
          );
    const chunks = rows.map(toStoredChunk);
    return documentIds.map((id) => chunks.filter((chunk) => chunk.documentId === id));
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
