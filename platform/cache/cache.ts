/**
 * A string key-value cache whose entries expire. Values are strings (callers serialise), so the Redis and the
 * in-process implementations behave alike and no caller can mutate an object another caller was handed.
 *
 * Every method may reject (Redis down, timeout): a cache is an optimisation, so callers fall back to the source of
 * truth instead of failing the request.
 */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  /** The value of each key, in order; `undefined` where missing or expired. */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Stores every entry with the same time to live. */
  setMany(entries: readonly CacheEntry[], ttlMs: number): Promise<void>;
  /** Stores the value only when the key is absent; resolves `true` when this call stored it. */
  add(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface CacheEntry {
  key: string;
  value: string;
}

export function assertTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new RangeError(`Cache TTL must be a positive integer of milliseconds (got ${ttlMs})`);
}
