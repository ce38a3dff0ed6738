import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import type { ChunkRepository } from '../search/chunk-repository.js';
import { DocumentEntity, type Document } from './document.entity.js';

/**
 * Every tenant's titles and bodies: the corpus an operator fits the lexical embedder's statistics on
 * (`npm run knowledge:fit-lexical`). The one read of the documents table that is not scoped by tenant, on purpose:
 * it never serves a request.
 */
export function allDocumentTexts(em: EntityManager): Promise<Pick<Document, 'title' | 'body'>[]> {
  return em.find(DocumentEntity, {}, { fields: ['title', 'body'] });
}

/** The documents table. Every statement is scoped by tenant in the query itself. */
export class DocumentRepository {
  constructor(
    private readonly em: () => EntityManager,
    private readonly chunks: ChunkRepository,
  ) {}

  /** A page of the tenant's documents by title (then ID, so pages never overlap). */
  list(tenantId: string, scope: string | null | undefined, page: { offset: number; first: number }): Promise<Document[]> {
    return this.em().find(
      DocumentEntity,
      { tenantId, ...(scope ? { scope } : {}) },
      {
        orderBy: { title: 'asc', id: 'asc' },
        offset: page.offset,
        limit: page.first,
      },
    );
  }

  async get(tenantId: string, id: string): Promise<Document | null> {
    return isUuid(id) ? this.em().findOne(DocumentEntity, { tenantId, id }) : null;
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Map<string, Document>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.em().find(DocumentEntity, { tenantId, id: { $in: valid } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The tenant's documents that apply to any of these order statuses, by title. */
  forOrderStatuses(tenantId: string, statuses: readonly string[]): Promise<Document[]> {
    return this.em().find(DocumentEntity, { tenantId, appliesToOrderStatuses: { $overlap: [...statuses] } } as never, {
      orderBy: { title: 'asc' },
    });
  }

  async findIdByContentHash(tenantId: string, contentHash: string): Promise<string | null> {
    const found = await this.em().findOne(DocumentEntity, { tenantId, contentHash }, { fields: ['id'] });
    return found?.id ?? null;
  }

  /** Which of these content hashes the tenant has stored already. */
  async storedContentHashes(tenantId: string, contentHashes: readonly string[]): Promise<string[]> {
    const rows = await this.em().find(DocumentEntity, { tenantId, contentHash: { $in: [...contentHashes] } }, { fields: ['contentHash'] });
    return rows.map((row) => row.contentHash);
  }

  /** What a reindex re-chunks: the tenant's documents (one scope, or all), oldest first. */
  forReindex(tenantId: string, scope?: string | null): Promise<Pick<Document, 'id' | 'title' | 'scope' | 'body' | 'format'>[]> {
    return this.em().find(
      DocumentEntity,
      { tenantId, ...(scope ? { scope } : {}) },
      { fields: ['id', 'title', 'scope', 'body', 'format'], orderBy: { createdAt: 'asc' } },
    );
  }

  /** Slug and chunk count of each of the tenant's documents: what seeding checks before it ingests. */
  slugsAndChunkCounts(tenantId: string): Promise<Pick<Document, 'slug' | 'chunkCount'>[]> {
    return this.em().find(DocumentEntity, { tenantId }, { fields: ['slug', 'chunkCount'] });
  }

  /** Inserts document rows in the caller's transaction (their chunks follow in the same one). */
  async insert(tx: EntityManager, rows: readonly Document[]): Promise<void> {
    for (const row of rows) tx.create(DocumentEntity, row);
    await tx.flush();
  }

  async setChunkCount(tx: EntityManager, tenantId: string, id: string, chunkCount: number): Promise<void> {
    await tx.execute(`update ${this.chunks.table.documents} set chunk_count = ?, updated_at = now() where tenant_id = ? and id = ?`, [
      chunkCount,
      tenantId,
      id,
    ]);
  }

  /** Chunks go with the document (foreign key on delete cascade), and leave the lexeme counts with it. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.em().transactional(async (tx) => {
      await this.chunks.countLexemes(tx, tenantId, [id], -1);
      return (await tx.nativeDelete(DocumentEntity, { tenantId, id })) > 0;
    });
  }
}
