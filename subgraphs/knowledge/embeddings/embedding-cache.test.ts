import { describe, expect, it } from 'vitest';
import type { Embedder, EmbeddingPurpose } from './embedder.js';
import { cachedEmbedder, embeddingCacheKey, InMemoryEmbeddingCache } from './embedding-cache.js';

function countingEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    id: 'fake:2',
    dimensions: 2,
    calls,
    async embed(texts: string[], purpose: EmbeddingPurpose) {
      calls.push(texts);
      return texts.map((t) => [t.length, purpose === 'query' ? 1 : 0]);
    },
  };
}

describe('embedding cache', () => {
  it('keys by embedder id, purpose and content hash', () => {
    expect(embeddingCacheKey('m:2', 'query', 'a')).toMatch(/^m:2:query:[0-9a-f]{64}$/);
    expect(embeddingCacheKey('m:2', 'query', 'a')).not.toBe(embeddingCacheKey('m:3', 'query', 'a'));
    expect(embeddingCacheKey('m:2', 'query', 'a')).not.toBe(embeddingCacheKey('m:2', 'document', 'a'));
  });

  it('embeds only misses, deduplicated, and keeps input order', async () => {
    const inner = countingEmbedder();
    const embedder = cachedEmbedder(inner, new InMemoryEmbeddingCache());
    expect(embedder.id).toBe('fake:2');
    await embedder.embed(['aa', 'b'], 'document');
    const out = await embedder.embed(['b', 'ccc', 'aa', 'ccc'], 'document');
    expect(out.map((v) => Array.from(v))).toEqual([
      [1, 0],
      [3, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(inner.calls).toEqual([['aa', 'b'], ['ccc']]);
    await embedder.embed(['b'], 'query');
    expect(inner.calls.at(-1)).toEqual(['b']);
  });

  it('evicts the least recently used entry', async () => {
    const cache = new InMemoryEmbeddingCache(2);
    const v = new Float32Array([1]);
    await cache.setMany([
      ['a', v],
      ['b', v],
    ]);
    await cache.getMany(['a']);
    await cache.setMany([['c', v]]);
    expect(cache.size).toBe(2);
    expect((await cache.getMany(['a', 'b', 'c'])).map((x) => x !== undefined)).toEqual([true, false, true]);
  });
});
