import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { ProductEntity, type Product } from './product.entity.js';
import { encodeCatalogCursor, type CatalogCursor } from './catalog-cursor.js';
import { toCatalogProduct, type CatalogProduct, type ProductPage } from './catalog-product.js';
import { isUuid } from '../../../platform/is-uuid.js';
import type { ProductFilter } from './product-filter.js';
import type { ProductFields } from './product-input.js';
import { productPageQuery } from './product-page-query.js';

/** The catalog's data access. Every query and write is scoped by tenant here; another tenant's product looks missing. */
export class ProductRepository {
  constructor(private readonly em: () => EntityManager) {}

  async listPage(tenantId: string, filter: ProductFilter, after: CatalogCursor | undefined, first: number): Promise<ProductPage> {
    const em = this.em();
    const table = `${quote(em.config.get('schema') ?? 'public')}.${quote(em.getMetadata(ProductEntity).tableName)}`;
    const query = productPageQuery(table, tenantId, filter, after, first + 1);
    const rows = await em.execute<ProductRow[]>(query.sql, query.params);
    const edges = rows.slice(0, first).map((row) => {
      const node = fromRow(row);
      const cursor: CatalogCursor = filter.text
        ? { order: 'rank', rank: Number(row.rank), id: node.id }
        : { order: 'name', name: node.name, id: node.id };
      return { cursor: encodeCatalogCursor(cursor), node };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** In the order of `ids`; null where the tenant has no such product. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(CatalogProduct | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.em().find(ProductEntity, { tenantId, id: { $in: valid } }) : [];
    const byId = new Map(rows.map((row) => [row.id, toCatalogProduct(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async create(tenantId: string, fields: ProductFields): Promise<CatalogProduct> {
    const em = this.em();
    await assertSlugFree(em, tenantId, fields.slug, null);
    const now = new Date();
    const product = em.create(ProductEntity, { id: randomUUID(), tenantId, ...fields, createdAt: now, updatedAt: now } as never) as Product;
    await flush(em, fields.slug);
    return toCatalogProduct(product);
  }

  /** Loads the tenant's product, lets `change` compute its new fields from the current ones, and saves them. */
  async update(tenantId: string, id: string, change: (current: CatalogProduct) => ProductFields): Promise<CatalogProduct> {
    const em = this.em();
    const product = isUuid(id) ? await em.findOne(ProductEntity, { id, tenantId }) : null;
    if (!product) throw appError(ErrorCode.NotFound, `Product ${id} does not exist`, { productId: id });
    const fields = change(toCatalogProduct(product));
    if (fields.slug !== product.slug) await assertSlugFree(em, tenantId, fields.slug, product.id);
    em.assign(product, { ...fields, updatedAt: new Date() } as never);
    await flush(em, fields.slug);
    return toCatalogProduct(product);
  }

  /** Demo seeding: inserts the products whose ID does not exist yet; existing ones stay as the tenant edited them. */
  async insertMissing(rows: EntityData<Product>[]): Promise<void> {
    await this.em().upsertMany(ProductEntity, rows as never[], { onConflictFields: ['id'], onConflictAction: 'ignore' });
  }
}

interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  price_cents: number;
  currency: string;
  tags: string[];
  allergens: string[];
  vegetarian: boolean;
  vegan: boolean;
  gluten_free: boolean;
  available: boolean;
  rank?: number | string;
}

function fromRow(row: ProductRow): CatalogProduct {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    priceCents: row.price_cents,
    currency: row.currency,
    tags: row.tags,
    allergens: row.allergens,
    vegetarian: row.vegetarian,
    vegan: row.vegan,
    glutenFree: row.gluten_free,
    available: row.available,
  };
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

const slugTaken = (slug: string) =>
  appError('PRODUCT_SLUG_TAKEN', `Another product of this catalog already has the slug "${slug}"; choose a different name`, { slug });

async function assertSlugFree(em: EntityManager, tenantId: string, slug: string, exceptId: string | null): Promise<void> {
  const clash = await em.findOne(ProductEntity, { tenantId, slug }, { fields: ['id'] });
  if (clash && clash.id !== exceptId) throw slugTaken(slug);
}

/** The unique (tenant_id, slug) index decides between two concurrent writers the check above let through. */
async function flush(em: EntityManager, slug: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw slugTaken(slug);
    throw error;
  }
}
