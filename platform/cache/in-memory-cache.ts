import { assertTtl, type Cache, type CacheEntry } from './cache.js';

export interface InMemoryCacheOptions {
  /**
   * Entries kept; the least recently used goes first when a write would exceed it.
   * @default 10_000
   */
  maxEntries?: number;
  /**
   * Approximate bytes of keys and values kept (two per UTF-16 code unit, plus a fixed overhead per entry); the least
   * recently used go first when a write would exceed it. A count alone does not bound memory: 10,000 entries of
   * cached search results are hundreds of MiB. A value larger than this is not stored at all.
   * @default 32 MiB
   */
  maxBytes?: number;
  /** Clock in milliseconds, injectable for tests. @default Date.now */
  now?: () => number;
}

/** Bytes counted per entry on top of its key and value (the Map slot and the entry object). */
export const ENTRY_OVERHEAD_BYTES = 96;

/** The embedded (single-process) cache: an LRU bounded by entries and bytes whose entries also expire after their TTL. */
export class InMemoryCache implements Cache {
  readonly kind = 'memory' as const;
  /** Map iteration order is insertion order, so re-inserting on access keeps the least recently used first. */
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private readonly now: () => number;

  constructor(options: InMemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.maxBytes = options.maxBytes ?? 32 * 2 ** 20;
    if (!Number.isInteger(this.maxBytes) || this.maxBytes < 1) throw new RangeError('maxBytes must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  /** The approximate bytes held (what `maxBytes` bounds). */
  get sizeBytes(): number {
    return this.bytes;
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
    this.remove(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }

  private read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entryBytes(key, entry.value);
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  private write(key: string, value: string, ttlMs: number): void {
    this.remove(key);
    const bytes = entryBytes(key, value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entryBytes(key, entry.value);
  }
}

function entryBytes(key: string, value: string): number {
  return 2 * (key.length + value.length) + ENTRY_OVERHEAD_BYTES;
}
