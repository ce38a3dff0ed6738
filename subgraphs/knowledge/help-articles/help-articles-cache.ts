import type { Cache } from '../../../platform/cache/cache.js';
import { CacheGenerations } from '../../../platform/cache/cache-generations.js';
import type { Logger } from '../../../platform/logger.js';
import { counter } from '../../../platform/metrics/metrics.js';
import type { Document } from '../documents/document.entity.js';

const lookups = counter({
  name: 'ragline_help_articles_cache_requests_total',
  help: 'Order help-article lookups by cache result',
  labelNames: ['result'] as const,
});
// Both series exist from the start: a hit ratio is 0 before the first hit, not missing.
for (const result of ['hit', 'miss']) lookups.inc({ result }, 0);

type Load = (tenantId: string, statuses: readonly string[]) => Promise<Document[][]>;

/**
 * Help articles are read once per order event per subscriber (the gateway resolves Order.helpArticles on every event),
 * while documents change rarely: cache them per tenant and status. Any document change calls `invalidate(tenant)`
 * after it commits. A cache failure falls back to the database.
 */
export class HelpArticlesCache {
  private readonly generations: CacheGenerations;

  constructor(
    private readonly cache: Cache,
    private readonly load: Load,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
  ) {
    this.generations = new CacheGenerations(cache, { prefix: 'help:gen:' });
  }

  async forStatuses(tenantId: string, statuses: readonly string[]): Promise<Document[][]> {
    let keys: string[];
    let cached: (string | undefined)[];
    try {
      const generation = await this.generations.current(tenantId);
      keys = statuses.map((status) => `help:${tenantId}:${generation}:${status}`);
      cached = await this.cache.getMany(keys);
    } catch (error) {
      this.log.warn({ err: error }, 'help-article cache unavailable; reading the database');
      lookups.inc({ result: 'miss' }, statuses.length);
      return this.load(tenantId, statuses);
    }
    const missing = statuses.filter((_, index) => cached[index] === undefined);
    lookups.inc({ result: 'hit' }, statuses.length - missing.length);
    lookups.inc({ result: 'miss' }, missing.length);
    const loaded = missing.length ? await this.load(tenantId, missing) : [];
    if (missing.length) {
      const entries = missing.map((status, index) => ({ key: keys[statuses.indexOf(status)]!, value: JSON.stringify(loaded[index]) }));
      await this.cache
        .setMany(entries, this.ttlMs)
        .catch((error: unknown) => this.log.warn({ err: error }, 'could not fill the help-article cache'));
    }
    return statuses.map((status, index) => (cached[index] !== undefined ? revive(cached[index]!) : loaded[missing.indexOf(status)]!));
  }

  invalidate(tenantId: string): Promise<void> {
    return this.generations.bump(tenantId);
  }
}

function revive(json: string): Document[] {
  return (JSON.parse(json) as Document[]).map((document) => ({
    ...document,
    createdAt: new Date(document.createdAt),
    updatedAt: new Date(document.updatedAt),
  }));
}
