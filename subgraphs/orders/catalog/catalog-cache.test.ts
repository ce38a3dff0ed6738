import { describe, expect, it, vi } from 'vitest';
import type { Cache } from '../../../platform/cache/cache.js';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import { RedisCache } from '../../../platform/cache/redis-cache.js';
import { createLogger } from '../../../platform/logger.js';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { CatalogCache } from './catalog-cache.js';
import type { CatalogProduct, ProductPage } from './catalog-product.js';

const logger = createLogger({ level: 'silent', service: 'test' });

const product = (id: string, name = `Product ${id}`): CatalogProduct => ({
  id,
  slug: name.toLowerCase().replace(/\W+/g, '-'),
  name,
  description: '',
  category: 'pizza',
  priceCents: 1000,
  currency: 'EUR',
  tags: [],
  allergens: [],
  vegetarian: false,
  vegan: false,
  glutenFree: false,
  available: true,
});
const pageOf = (...products: CatalogProduct[]): ProductPage => ({
  edges: products.map((node) => ({ cursor: node.id, node })),
  pageInfo: { hasNextPage: false, endCursor: null },
});

async function requests(result: 'hit' | 'miss'): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('ragline_catalog_cache_requests_total')!.get();
  return metric.values.find((value) => value.labels.result === result)?.value ?? 0;
}

describe('CatalogCache', () => {
  it('serves a repeated page from the cache and counts hits and misses', async () => {
    const cache = new CatalogCache(new InMemoryCache(), { logger });
    const load = vi.fn(async () => pageOf(product('1')));
    const [hits, misses] = [await requests('hit'), await requests('miss')];

    expect(await cache.page('demo', { first: 20 }, load)).toEqual(pageOf(product('1')));
    expect(await cache.page('demo', { first: 20 }, load)).toEqual(pageOf(product('1')));
    expect(load).toHaveBeenCalledTimes(1);
    expect(await requests('hit')).toBe(hits + 1);
    expect(await requests('miss')).toBe(misses + 1);

    await cache.page('demo', { first: 5 }, load); // another query is another entry
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never serves one tenant's entries to another", async () => {
    const cache = new CatalogCache(new InMemoryCache(), { logger });
    await cache.page('tenant-a', { first: 20 }, async () => pageOf(product('a')));
    expect(await cache.page('tenant-b', { first: 20 }, async () => pageOf(product('b')))).toEqual(pageOf(product('b')));
    await cache.products('tenant-a', ['1'], async () => [product('1', 'Secret of A')]);
    expect(await cache.products('tenant-b', ['1'], async () => [null])).toEqual([null]);
  });

  it("invalidates all of a tenant's pages and products at once, and only that tenant's", async () => {
    const cache = new CatalogCache(new InMemoryCache(), { logger });
    let version = 1;
    const loadPage = vi.fn(async () => pageOf(product('1', `v${version}`)));
    const loadProducts = vi.fn(async (ids: string[]) => ids.map((id) => product(id, `v${version}`)));
    const otherTenant = vi.fn(async () => pageOf(product('x')));
    await cache.page('demo', {}, loadPage);
    await cache.products('demo', ['1', '2'], loadProducts);
    await cache.page('other', {}, otherTenant);

    version = 2;
    await cache.invalidate('demo');
    expect((await cache.page('demo', {}, loadPage)).edges[0]!.node.name).toBe('v2');
    expect((await cache.products('demo', ['1', '2'], loadProducts)).map((p) => p?.name)).toEqual(['v2', 'v2']);
    await cache.page('other', {}, otherTenant);
    expect(otherTenant).toHaveBeenCalledTimes(1);
  });

  it('loads only the products the cache lacks, keeps the order, and does not cache missing ones', async () => {
    const cache = new CatalogCache(new InMemoryCache(), { logger });
    await cache.products('demo', ['1'], async () => [product('1')]);
    const load = vi.fn(async (ids: string[]) => ids.map((id) => (id === 'gone' ? null : product(id))));
    const result = await cache.products('demo', ['2', '1', 'gone'], load);
    expect(load).toHaveBeenCalledWith(['2', 'gone']);
    expect(result.map((p) => p?.id ?? null)).toEqual(['2', '1', null]);
    await cache.products('demo', ['gone'], load);
    expect(load).toHaveBeenLastCalledWith(['gone']);
  });

  it('expires entries after the TTL', async () => {
    let now = 0;
    const cache = new CatalogCache(new InMemoryCache({ now: () => now }), { logger, ttlMs: 60_000 });
    const load = vi.fn(async () => pageOf(product('1')));
    await cache.page('demo', {}, load);
    now += 59_000;
    await cache.page('demo', {}, load);
    expect(load).toHaveBeenCalledTimes(1);
    now += 1_000;
    await cache.page('demo', {}, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('falls back to the database and logs (throttled) when the cache fails', async () => {
    const broken: Cache = {
      kind: 'redis',
      getMany: async () => {
        throw new Error('ECONNREFUSED');
      },
      setMany: async () => {
        throw new Error('ECONNREFUSED');
      },
      add: async () => {
        throw new Error('ECONNREFUSED');
      },
      delete: async () => {
        throw new Error('ECONNREFUSED');
      },
      close: async () => undefined,
    };
    const warnings = vi.fn();
    const errors = vi.fn();
    const cache = new CatalogCache(broken, { logger: { warn: warnings, error: errors } as never });
    expect(await cache.page('demo', {}, async () => pageOf(product('1')))).toEqual(pageOf(product('1')));
    expect(await cache.products('demo', ['1'], async () => [product('1')])).toEqual([product('1')]);
    expect(warnings).toHaveBeenCalledTimes(1);
    await expect(cache.invalidate('demo')).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('answers from the database within the command timeout when Redis is unreachable', async () => {
    const redis = new RedisCache({ redisUrl: 'redis://127.0.0.1:1', logger, commandTimeoutMs: 100 });
    try {
      const cache = new CatalogCache(redis, { logger });
      const started = Date.now();
      expect(await cache.page('demo', {}, async () => pageOf(product('1')))).toEqual(pageOf(product('1')));
      expect(await cache.products('demo', ['1'], async () => [product('1')])).toEqual([product('1')]);
      await cache.invalidate('demo');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await redis.close();
    }
  });

  it('falls back when only reads or only writes fail', async () => {
    const memory = new InMemoryCache();
    const flaky: Cache = {
      kind: 'memory',
      getMany: (keys) => memory.getMany(keys),
      add: (key, value, ttlMs) => memory.add(key, value, ttlMs),
      delete: (key) => memory.delete(key),
      close: () => memory.close(),
      async setMany(entries, ttlMs) {
        if (entries.some((entry) => entry.key.includes(':page:'))) throw new Error('OOM command not allowed');
        return memory.setMany(entries, ttlMs);
      },
    };
    const cache = new CatalogCache(flaky, { logger });
    const load = vi.fn(async () => pageOf(product('1')));
    await cache.page('demo', {}, load);
    await cache.page('demo', {}, load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
