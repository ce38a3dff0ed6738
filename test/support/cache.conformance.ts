import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../platform/cache/cache.js';

/** The behaviour every Cache implementation shares; each implementation's test file runs it. */
export function describeCacheConformance(name: string, create: () => Promise<Cache> | Cache): void {
  describe(`${name}: Cache contract`, () => {
    let cache: Cache;
    beforeEach(async () => {
      cache = await create();
    });
    afterEach(() => cache.close());

    it('misses, then hits what was set, in key order', async () => {
      expect(await cache.getMany(['a', 'b'])).toEqual([undefined, undefined]);
      await cache.setMany(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        10_000,
      );
      expect(await cache.getMany(['b', 'missing', 'a'])).toEqual(['2', undefined, '1']);
      expect(await cache.getMany([])).toEqual([]);
    });

    it('overwrites and deletes', async () => {
      await cache.setMany([{ key: 'k', value: 'old' }], 10_000);
      await cache.setMany([{ key: 'k', value: 'new' }], 10_000);
      expect(await cache.getMany(['k'])).toEqual(['new']);
      await cache.delete('k');
      expect(await cache.getMany(['k'])).toEqual([undefined]);
    });

    it('expires entries after their TTL', async () => {
      await cache.setMany([{ key: 'short', value: 's' }], 40);
      await cache.setMany([{ key: 'long', value: 'l' }], 10_000);
      await sleep(120);
      expect(await cache.getMany(['short', 'long'])).toEqual([undefined, 'l']);
    });

    it('adds only when absent', async () => {
      expect(await cache.add('once', 'first', 10_000)).toBe(true);
      expect(await cache.add('once', 'second', 10_000)).toBe(false);
      expect(await cache.getMany(['once'])).toEqual(['first']);
    });

    it('refuses a TTL that is not a positive integer of milliseconds', async () => {
      await expect(cache.setMany([{ key: 'x', value: 'y' }], 0)).rejects.toThrow(RangeError);
      await expect(cache.add('x', 'y', 1.5)).rejects.toThrow(RangeError);
    });
  });
}
