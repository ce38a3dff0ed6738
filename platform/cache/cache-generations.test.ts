import { describe, expect, it } from 'vitest';
import { CacheGenerations } from './cache-generations.js';
import { InMemoryCache } from './in-memory-cache.js';

describe('CacheGenerations', () => {
  it('keeps a generation until it is bumped, per scope', async () => {
    const generations = new CacheGenerations(new InMemoryCache(), { prefix: 'gen:' });
    const a = await generations.current('tenant-a');
    expect(await generations.current('tenant-a')).toBe(a);
    const b = await generations.current('tenant-b');
    expect(b).not.toBe(a);

    await generations.bump('tenant-a');
    const a2 = await generations.current('tenant-a');
    expect(a2).not.toBe(a);
    expect(await generations.current('tenant-b')).toBe(b);
  });

  it('starts a new generation, never an old one, when the record is forgotten', async () => {
    let now = 0;
    const generations = new CacheGenerations(new InMemoryCache({ now: () => now }), { prefix: 'gen:', ttlMs: 1_000 });
    const seen = new Set([await generations.current('t')]);
    for (let round = 0; round < 20; round += 1) {
      now += 1_000; // the record expires
      const next = await generations.current('t');
      expect(seen.has(next)).toBe(false);
      seen.add(next);
    }
  });

  it('agrees on one generation when concurrent readers start it', async () => {
    const generations = new CacheGenerations(new InMemoryCache(), { prefix: 'gen:' });
    const values = await Promise.all(Array.from({ length: 10 }, () => generations.current('t')));
    expect(new Set(values).size).toBe(1);
  });
});
