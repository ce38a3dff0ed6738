import { createHash } from 'node:crypto';
import { counter } from '../../../platform/metrics/metrics.js';
import type { Embedder, EmbeddingPurpose } from './embedder.js';

const lookups = counter({
  name: 'ragline_knowledge_embedding_cache_requests_total',
  help: 'Texts looked up in the embedding cache by purpose (query, document) and result (hit, miss)',
  labelNames: ['purpose', 'result'] as const,
});
// Every series exists from the start: a hit ratio is 0 before the first hit, not missing.
for (const purpose of ['query', 'document']) for (const result of ['hit', 'miss']) lookups.inc({ purpose, result }, 0);

/** Where embeddings are kept between calls. Keys are opaque strings from {@link embeddingCacheKey}. */
export interface EmbeddingCache {
  getMany(keys: readonly string[]): Promise<(Float32Array | undefined)[]>;
  setMany(entries: readonly (readonly [string, Float32Array])[]): Promise<void>;
}

/** `<embedder id>:<purpose>:<sha256(content)>` — the purpose is included because queries and documents may embed differently. */
export function embeddingCacheKey(embedderId: string, purpose: EmbeddingPurpose, content: string): string {
  return `${embedderId}:${purpose}:${createHash('sha256').update(content).digest('hex')}`;
}

/** A bounded in-process LRU (Map insertion order = recency). */
export class InMemoryEmbeddingCache implements EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(readonly maxEntries = 10_000) {
    if (maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  async getMany(keys: readonly string[]): Promise<(Float32Array | undefined)[]> {
    return keys.map((key) => {
      const hit = this.entries.get(key);
      if (hit !== undefined) {
        this.entries.delete(key);
        this.entries.set(key, hit);
      }
      return hit;
    });
  }

  async setMany(entries: readonly (readonly [string, Float32Array])[]): Promise<void> {
    for (const [key, vector] of entries) {
      this.entries.delete(key);
      this.entries.set(key, vector);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

/**
 * Wraps an embedder so repeated texts are served from `cache`; only misses (deduplicated) reach `inner`.
 * Same `id` and `dimensions` as `inner`: cached vectors are interchangeable with fresh ones.
 */
export function cachedEmbedder(inner: Embedder, cache: EmbeddingCache): Embedder {
  return {
    id: inner.id,
    dimensions: inner.dimensions,
    async embed(texts, purpose) {
      const keys = texts.map((t) => embeddingCacheKey(inner.id, purpose, t));
      const found = await cache.getMany(keys);
      const missing = new Map<string, string>();
      found.forEach((hit, i) => {
        if (hit === undefined) missing.set(keys[i]!, texts[i]!);
      });
      const misses = found.filter((hit) => hit === undefined).length;
      lookups.inc({ purpose, result: 'hit' }, found.length - misses);
      lookups.inc({ purpose, result: 'miss' }, misses);
      if (missing.size > 0) {
        const fresh = await inner.embed([...missing.values()], purpose);
        const missingKeys = [...missing.keys()];
        const computed = new Map<string, Float32Array>(missingKeys.map((key, i) => [key, Float32Array.from(fresh[i]!)]));
        await cache.setMany([...computed]);
        keys.forEach((key, i) => (found[i] ??= computed.get(key)));
      }
      return found as Float32Array[];
    },
  };
}
