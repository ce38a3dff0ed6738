import type { EntityManager } from '@mikro-orm/sql';
import { ProductEntity, type Product } from '../entities/product.entity.js';
import { clampPageSize, decodeCursor, encodeCursor } from './cursor.js';

export interface ProductFilter {
  category?: string | null;
  availableOnly?: boolean | null;
}

export interface ProductPage {
  edges: { cursor: string; node: Product }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Catalog reads. Every query is scoped by tenant here, in the data layer, not by callers. */
export class CatalogService {
  constructor(private readonly em: () => EntityManager) {}

  async listProducts(tenantId: string, filter: ProductFilter, page: { first?: number | null; after?: string | null }): Promise<ProductPage> {
    const first = clampPageSize(page.first);
    const where: Record<string, unknown> = { tenantId };
    if (filter.category) where.category = filter.category;
    if (filter.availableOnly) where.available = true;
    if (page.after) {
      const [name, id] = decodeCursor(page.after, 2) as [string, string];
      where.$or = [{ name: { $gt: name } }, { name, id: { $gt: id } }];
    }
    const rows = await this.em().find(ProductEntity, where as never, { orderBy: { name: 'asc', id: 'asc' }, limit: first + 1 });
    const nodes = rows.slice(0, first);
    const edges = nodes.map((node) => ({ cursor: encodeCursor([node.name, node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Batch lookup for DataLoader; the result lines up with `ids`, null where the tenant has no such product. */
  async productsByIds(tenantId: string, ids: readonly string[]): Promise<(Product | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.em().find(ProductEntity, { tenantId, id: { $in: valid } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
