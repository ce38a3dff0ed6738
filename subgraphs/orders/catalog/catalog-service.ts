import { decodeCatalogCursor } from './catalog-cursor.js';
import type { CatalogCache } from './catalog-cache.js';
import type { CatalogProduct, ProductPage } from './catalog-product.js';
import { isUuid } from '../../../platform/is-uuid.js';
import { normalizeProductFilter, type ProductFilterInput } from './product-filter.js';
import { applyProductUpdate, validateNewProduct, type CreateProductInput, type UpdateProductInput } from './product-input.js';
import type { ProductRepository } from './product-repository.js';
import { clampPageSize } from '../../../platform/pagination-cursor.js';

export type { ProductPage };

/**
 * The catalog: validated reads served cache-aside, and staff edits that invalidate the tenant's cached reads once
 * they have committed. Tenant scoping lives in the repository; callers pass the principal's tenant.
 */
export class CatalogService {
  constructor(
    private readonly products: ProductRepository,
    private readonly cache: CatalogCache,
  ) {}

  async listProducts(
    tenantId: string,
    filterInput: ProductFilterInput | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<ProductPage> {
    const first = clampPageSize(page.first);
    const filter = normalizeProductFilter(filterInput);
    const after = page.after ? decodeCatalogCursor(page.after, filter.text ? 'rank' : 'name') : undefined;
    return this.cache.page(tenantId, { filter, first, after: page.after ?? null }, () =>
      this.products.listPage(tenantId, filter, after, first),
    );
  }

  /** Batch lookup for DataLoader; the result lines up with `ids`, null where the tenant has no such product. */
  async productsByIds(tenantId: string, ids: readonly string[]): Promise<(CatalogProduct | null)[]> {
    const wanted = [...new Set(ids.filter(isUuid))];
    const found = wanted.length ? await this.cache.products(tenantId, wanted, (missing) => this.products.findByIds(tenantId, missing)) : [];
    const byId = new Map(wanted.map((id, index) => [id, found[index] ?? null]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** After writes that bypass this service (seeding the demo tenant into a running deployment's shared cache). */
  async forgetCachedReads(tenantId: string): Promise<void> {
    await this.cache.invalidate(tenantId);
  }

  async createProduct(tenantId: string, input: CreateProductInput): Promise<CatalogProduct> {
    const product = await this.products.create(tenantId, validateNewProduct(input));
    await this.cache.invalidate(tenantId);
    return product;
  }

  /** Omitted or null fields keep their value. Another tenant's product is NOT_FOUND. */
  async updateProduct(tenantId: string, id: string, input: UpdateProductInput): Promise<CatalogProduct> {
    const product = await this.products.update(tenantId, id, (current) => applyProductUpdate(current, input));
    await this.cache.invalidate(tenantId);
    return product;
  }

  async setProductAvailability(tenantId: string, id: string, available: boolean): Promise<CatalogProduct> {
    return this.updateProduct(tenantId, id, { available });
  }
}
