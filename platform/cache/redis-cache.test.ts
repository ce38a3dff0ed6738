import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { describeCacheConformance } from '../../test/support/cache.conformance.js';
import { RedisCache } from './redis-cache.js';

const redisUrl = process.env.REDIS_URL;
const logger = createLogger({ level: 'silent', service: 'test' });

describe.skipIf(!redisUrl)('RedisCache', () => {
  // A prefix per cache keeps runs sharing the Redis apart; entries expire on their own.
  describeCacheConformance(
    'RedisCache',
    () => new RedisCache({ redisUrl: redisUrl!, logger, keyPrefix: `ragline:test:${randomBytes(4).toString('hex')}:` }),
  );

  it('keeps caches with different key prefixes apart', async () => {
    const a = new RedisCache({ redisUrl: redisUrl!, logger, keyPrefix: `ragline:test:${randomBytes(4).toString('hex')}:` });
    const b = new RedisCache({ redisUrl: redisUrl!, logger, keyPrefix: `ragline:test:${randomBytes(4).toString('hex')}:` });
    try {
      await a.setMany([{ key: 'shared-name', value: 'a' }], 10_000);
      expect(await b.getMany(['shared-name'])).toEqual([undefined]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('RedisCache with Redis unreachable', () => {
  it('rejects within the command timeout instead of hanging, so callers can fall back', async () => {
    const cache = new RedisCache({ redisUrl: 'redis://127.0.0.1:1', logger, commandTimeoutMs: 100 });
    try {
      const started = Date.now();
      await expect(cache.getMany(['k'])).rejects.toThrow();
      await expect(cache.setMany([{ key: 'k', value: 'v' }], 1000)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await cache.close();
    }
  });
});
