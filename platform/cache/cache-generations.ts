import { randomBytes } from 'node:crypto';
import type { Cache } from './cache.js';

export interface CacheGenerationsOptions {
  /** Key prefix of the generation records, e.g. `catalog:gen:`. */
  prefix: string;
  /**
   * How long a generation is remembered. When it is forgotten (expired or evicted) a new one starts, which only
   * orphans entries, so this is safe at any value; it should outlive the entries' TTL.
   * @default 86_400_000 (a day)
   */
  ttlMs?: number;
}

/**
 * Invalidation of a whole scope (one tenant's catalog, say) in one write: cache keys embed the scope's current
 * generation, and `bump` replaces it, so every entry written under the old one becomes unreachable and expires.
 *
 * Generations are random tokens rather than counters: a counter that expires or is evicted restarts at a value whose
 * old entries may still be alive, whereas a fresh random token never matches them.
 */
export class CacheGenerations {
  private readonly ttlMs: number;

  constructor(
    private readonly cache: Cache,
    private readonly options: CacheGenerationsOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 86_400_000;
  }

  /** The scope's generation, starting one when there is none. Read it BEFORE loading what will be cached under it. */
  async current(scope: string): Promise<string> {
    const key = this.key(scope);
    const [existing] = await this.cache.getMany([key]);
    if (existing) return existing;
    const started = newGeneration();
    if (await this.cache.add(key, started, this.ttlMs)) return started;
    const [winner] = await this.cache.getMany([key]); // another request started one first
    return winner ?? started;
  }

  /** Orphans every entry cached under the scope's current generation. Call it after the change has committed. */
  async bump(scope: string): Promise<void> {
    await this.cache.setMany([{ key: this.key(scope), value: newGeneration() }], this.ttlMs);
  }

  private key(scope: string): string {
    return `${this.options.prefix}${scope}`;
  }
}

function newGeneration(): string {
  return randomBytes(9).toString('base64url');
}
