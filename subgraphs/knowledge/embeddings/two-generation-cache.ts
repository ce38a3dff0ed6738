/**
 * A memo of at most 2 × `generationSize` entries that keeps what is in use: entries go into the current generation;
 * when it is full it becomes the old one (the previous old one is dropped), and a hit in the old generation moves
 * the entry back into the current one. Cheaper per hit than an LRU (no delete/re-insert on current hits), for the hot
 * per-feature lookups of embedding. Without a bound, caches keyed by words grow with every new text a process sees.
 */
export class TwoGenerationCache<K, V> {
  private current = new Map<K, V>();
  private old = new Map<K, V>();
  // A plain field, not a parameter property: the ingestion worker thread loads this file with Node's type stripping
  // in tests, which refuses parameter properties.
  private readonly generationSize: number;

  constructor(generationSize: number) {
    if (!Number.isInteger(generationSize) || generationSize < 1) throw new RangeError('generationSize must be a positive integer');
    this.generationSize = generationSize;
  }

  get size(): number {
    return this.current.size + this.old.size;
  }

  get(key: K): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.generationSize) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
