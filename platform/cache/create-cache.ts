import type { Logger } from '../logger.js';
import type { Cache } from './cache.js';
import { InMemoryCache } from './in-memory-cache.js';
import { RedisCache } from './redis-cache.js';

export interface CreateCacheOptions {
  /** Set (REDIS_URL) so every replica shares one cache; unset gives a per-process LRU (the embedded mode). */
  redisUrl?: string;
  logger: Logger;
  /** Keeps entries of different databases (deployments, test runs) apart in a shared Redis. */
  keyPrefix?: string;
  /** In-process only. @default 10_000 */
  maxEntries?: number;
}

export function createCache({ redisUrl, logger, keyPrefix, maxEntries }: CreateCacheOptions): Cache {
  return redisUrl ? new RedisCache({ redisUrl, logger, keyPrefix }) : new InMemoryCache({ maxEntries });
}
