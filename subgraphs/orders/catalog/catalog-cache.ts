import { createHash } from 'node:crypto';
import type { Cache, CacheEntry } from '../../../platform/cache/cache.js';
import { CacheGenerations } from '../../../platform/cache/cache-generations.js';
import type { Logger } from '../../../platform/logger.js';
import { counter } from '../../../platform/metrics/metrics.js';
import type { CatalogProduct, ProductPage } from './catalog-product.js';

const cacheRequests = counter({
  name: 'ragline_catalog_cache_requests_total',
  help: 'Catalog reads (a list page, or one product of a batch) looked up in the cache; an unreachable cache counts as a miss.',
  labelNames: ['result'] as const,
});
// Both series exist from the start: a hit ratio is 0 before the first hit, not missing.
for (const result of ['hit', 'miss']) cacheRequests.inc({ result }, 0);

export interface CatalogCacheOptions {
  logger: Logger;
  /** @default 60_000 */
  ttlMs?: number;
  /** At most one "cache unavailable" warning per interval, so a Redis outage does not flood the log. @default 10_000 */
  warnIntervalMs?: number;
}

/**
 * Cache-aside for catalog reads. Keys are `catalog:<tenant>:<generation>:…`, so a tenant only ever reads entries
 * written for it, and `invalidate(tenant)` (after any catalog write commits) orphans all of that tenant's entries at
 * once. The generation is read before the database, so a read racing a write can only store stale data under the
 * generation the write has already replaced.
 *
 * Any cache failure falls back to the database: the cache can make reads faster, never make them fail.
 */
export class CatalogCache {
  private readonly generations: CacheGenerations;
  private readonly ttlMs: number;
  private lastWarningAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cache: Cache,
    private readonly options: CatalogCacheOptions,
  ) {
    this.generations = new CacheGenerations(cache, { prefix: 'catalog:gen:' });
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  /** `query` identifies the page (canonical filter, size, cursor); equal queries must serialise equally. */
  async page(tenantId: string, query: unknown, load: () => Promise<ProductPage>): Promise<ProductPage> {
    const scope = await this.scope(tenantId);
    const key = scope && `${scope}:page:${digest(query)}`;
    const [cached] = key ? await this.read<ProductPage>([key]) : [undefined];
    cacheRequests.inc({ result: cached ? 'hit' : 'miss' });
    if (cached) return cached;
    const page = await load();
    if (key) await this.write([{ key, value: JSON.stringify(page) }]);
    return page;
  }

  /** Products by id (distinct), in order; `load` gets only the ids the cache did not have. Missing ids are not cached. */
  async products(
    tenantId: string,
    ids: readonly string[],
    load: (ids: string[]) => Promise<(CatalogProduct | null)[]>,
  ): Promise<(CatalogProduct | null)[]> {
    const scope = await this.scope(tenantId);
    const keys = scope ? ids.map((id) => `${scope}:product:${id}`) : [];
    const cached = scope ? await this.read<CatalogProduct>(keys) : ids.map(() => undefined);
    const missing = ids.filter((_, index) => !cached[index]);
    if (ids.length > missing.length) cacheRequests.inc({ result: 'hit' }, ids.length - missing.length);
    if (missing.length === 0) return cached as CatalogProduct[];
    cacheRequests.inc({ result: 'miss' }, missing.length);

    const loaded = await load(missing);
    const byId = new Map(missing.map((id, index) => [id, loaded[index] ?? null]));
    if (scope) {
      await this.write(
        missing.flatMap((id) => {
          const product = byId.get(id);
          return product ? [{ key: `${scope}:product:${id}`, value: JSON.stringify(product) }] : [];
        }),
      );
    }
    return ids.map((id, index) => cached[index] ?? byId.get(id) ?? null);
  }

  /** Call after a catalog write has committed. A failure is logged, not thrown: the write itself succeeded. */
  async invalidate(tenantId: string): Promise<void> {
    try {
      await this.generations.bump(tenantScope(tenantId));
    } catch (err) {
      this.options.logger.error(
        { err, tenantId },
        `catalog cache invalidation failed; this tenant's cached reads may be stale for up to ${this.ttlMs} ms`,
      );
    }
  }

  private async scope(tenantId: string): Promise<string | null> {
    try {
      return `catalog:${tenantScope(tenantId)}:${await this.generations.current(tenantScope(tenantId))}`;
    } catch (err) {
      this.warn(err);
      return null;
    }
  }

  private async read<T>(keys: string[]): Promise<(T | undefined)[]> {
    try {
      const values = await this.cache.getMany(keys);
      return values.map((value) => (value === undefined ? undefined : (JSON.parse(value) as T)));
    } catch (err) {
      this.warn(err);
      return keys.map(() => undefined);
    }
  }

  private async write(entries: CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.cache.setMany(entries, this.ttlMs);
    } catch (err) {
      this.warn(err);
    }
  }

  private warn(err: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < (this.options.warnIntervalMs ?? 10_000)) return;
    this.lastWarningAt = now;
    this.options.logger.warn({ err, cache: this.cache.kind }, 'catalog cache unavailable; reading from the database');
  }
}

/** Tenant IDs are slugs today; encoding keeps the key unambiguous should that ever change. */
const tenantScope = (tenantId: string) => encodeURIComponent(tenantId);

const digest = (query: unknown) => createHash('sha256').update(JSON.stringify(query)).digest('base64url');
