import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import { DocumentEntity, type Document } from './document.entity.js';

/** Document reads, always scoped by tenant in the query itself. */
export class DocumentService {
  constructor(private readonly em: () => EntityManager) {}

  list(tenantId: string, scope?: string | null): Promise<Document[]> {
    return this.em().find(DocumentEntity, { tenantId, ...(scope ? { scope } : {}) }, { orderBy: { title: 'asc' } });
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

  /** Batch for DataLoader: for each order status, the tenant's documents that apply to it. */
  async forOrderStatuses(tenantId: string, statuses: readonly string[]): Promise<Document[][]> {
    const rows = await this.em().find(
      DocumentEntity,
      { tenantId, appliesToOrderStatuses: { $overlap: [...statuses] } } as never,
      { orderBy: { title: 'asc' } },
    );
    return statuses.map((status) => rows.filter((row) => row.appliesToOrderStatuses.includes(status)));
  }
}
