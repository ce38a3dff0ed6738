import { describe, expect, it } from 'vitest';
import { describeCacheConformance } from '../../test/support/cache.conformance.js';
import { ENTRY_OVERHEAD_BYTES, InMemoryCache } from './in-memory-cache.js';

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

  it('is bounded by bytes too: large values evict the least recently used, and one too large is not kept', async () => {
    const entry = (value: string) => 2 * (1 + value.length) + ENTRY_OVERHEAD_BYTES;
    const big = 'x'.repeat(1000);
    const cache = new InMemoryCache({ maxBytes: 3 * entry(big) });
    await cache.setMany(
      ['a', 'b', 'c'].map((key) => ({ key, value: big })),
      60_000,
    );
    expect(cache.sizeBytes).toBe(3 * entry(big));
    await cache.getMany(['a']); // b is now the least recently used
    await cache.setMany([{ key: 'd', value: big }], 60_000);
    expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual([big, undefined, big, big]);
    expect(cache.sizeBytes).toBe(3 * entry(big));

    await cache.setMany([{ key: 'e', value: 'y'.repeat(4000) }], 60_000);
    expect(await cache.getMany(['e'])).toEqual([undefined]);
    await cache.delete('a');
    expect(cache.sizeBytes).toBe(2 * entry(big));
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new InMemoryCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new InMemoryCache({ maxBytes: 0 })).toThrow(RangeError);
  });
});
