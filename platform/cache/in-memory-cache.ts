import { assertTtl, type Cache, type CacheEntry } from './cache.js';

export interface InMemoryCacheOptions {
  /**
   * Entries kept; the least recently used goes first when a write would exceed it.
   * @default 10_000
   */
  maxEntries?: number;
  /** Clock in milliseconds, injectable for tests. @default Date.now */
  now?: () => number;
}

/** The embedded (single-process) cache: a bounded LRU whose entries also expire after their TTL. */
export class InMemoryCache implements Cache {
  readonly kind = 'memory' as const;
  /** Map iteration order is insertion order, so re-inserting on access keeps the least recently used first. */
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: InMemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return keys.map((key) => this.read(key));
  }

  async setMany(entries: readonly CacheEntry[], ttlMs: number): Promise<void> {
    assertTtl(ttlMs);
    for (const { key, value } of entries) this.write(key, value, ttlMs);
  }

  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    if (this.read(key) !== undefined) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  private write(key: string, value: string, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
