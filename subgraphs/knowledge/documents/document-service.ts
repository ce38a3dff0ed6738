import type { ChunkRepository, ChunkWindow } from '../search/chunk-repository.js';
import type { StoredChunk } from '../search/chunk-rows.js';
import type { Document } from './document.entity.js';
import type { DocumentRepository } from './document-repository.js';

/** Document reads and deletes of one tenant; the repositories scope every statement by tenant. */
export class DocumentService {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly chunks: ChunkRepository,
  ) {}

  list(tenantId: string, scope: string | null | undefined, page: { offset: number; first: number }): Promise<Document[]> {
    return this.documents.list(tenantId, scope, page);
  }

  get(tenantId: string, id: string): Promise<Document | null> {
    return this.documents.get(tenantId, id);
  }

  getMany(tenantId: string, ids: readonly string[]): Promise<Map<string, Document>> {
    return this.documents.getMany(tenantId, ids);
  }

  /** Batch for DataLoader: for each order status, the tenant's documents that apply to it. */
  async forOrderStatuses(tenantId: string, statuses: readonly string[]): Promise<Document[][]> {
    const rows = await this.documents.forOrderStatuses(tenantId, statuses);
    return statuses.map((status) => rows.filter((row) => row.appliesToOrderStatuses.includes(status)));
  }

  /** Each document's chunks in order (the batch of a DataLoader). */
  chunksOfDocuments(tenantId: string, documentIds: readonly string[], window: ChunkWindow): Promise<StoredChunk[][]> {
    return this.chunks.chunksOfDocuments(tenantId, documentIds, window);
  }

  /** Deletes the document with its chunks; false when the tenant has no such document. */
  delete(tenantId: string, id: string): Promise<boolean> {
    return this.documents.delete(tenantId, id);
  }
}
