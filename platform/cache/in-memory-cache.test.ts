import { describe, expect, it } from 'vitest';
import { describeCacheConformance } from '../../test/support/cache.conformance.js';
import { InMemoryCache } from './in-memory-cache.js';

describeCacheConformance('InMemoryCache', () => new InMemoryCache());

describe('InMemoryCache', () => {
  it('expires on its clock: an entry is gone exactly when its TTL has passed', async () => {
    let now = 1_000;
    const cache = new InMemoryCache({ now: () => now });
    await cache.setMany([{ key: 'k', value: 'v' }], 60_000);
    now += 59_999;
    expect(await cache.getMany(['k'])).toEqual(['v']);
    now += 1;
    expect(await cache.getMany(['k'])).toEqual([undefined]);
    expect(cache.size).toBe(0);
    expect(await cache.add('k', 'again', 10)).toBe(true);
  });

  it('is bounded: the least recently used entry goes first', async () => {
    const cache = new InMemoryCache({ maxEntries: 2 });
    await cache.setMany(
      [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
      60_000,
    );
    expect(await cache.getMany(['a'])).toEqual(['1']); // a is now more recent than b
    await cache.setMany([{ key: 'c', value: '3' }], 60_000);
    expect(cache.size).toBe(2);
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual(['1', undefined, '3']);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new InMemoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
