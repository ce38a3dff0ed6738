import { Redis } from 'ioredis';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from '../logger.js';
import { inChildSpan } from '../telemetry/tracer.js';
import { assertTtl, type Cache, type CacheEntry } from './cache.js';

export interface RedisCacheOptions {
  redisUrl: string;
  logger: Logger;
  /**
   * Prepended to every key, so caches of several deployments or test runs can share one Redis.
   * @default 'ragline:cache:'
   */
  keyPrefix?: string;
  /**
   * How long a command may take before it rejects. A cache that waits for a dead Redis is worse than none: callers
   * fall back to the database when a command rejects.
   * @default 500
   */
  commandTimeoutMs?: number;
}

/** The multi-process cache: plain strings with PX expiry, MGET for batches, SET NX for `add`. */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;

  constructor(options: RedisCacheOptions) {
    this.redis = new Redis(options.redisUrl, {
      connectionName: 'ragline:cache',
      keyPrefix: options.keyPrefix ?? 'ragline:cache:',
      commandTimeout: options.commandTimeoutMs ?? 500,
      // Fail the command (callers fall back) rather than retrying it across reconnects.
      maxRetriesPerRequest: 1,
    });
    // Without a listener ioredis prints every reconnect failure to stderr.
    this.redis.on('error', (err: Error) => options.logger.warn({ err, role: 'cache' }, 'redis connection error; ioredis will reconnect'));
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await redisSpan('MGET', () => this.redis.mget(...keys));
    return values.map((value) => value ?? undefined);
  }

  async setMany(entries: readonly CacheEntry[], ttlMs: number): Promise<void> {
    assertTtl(ttlMs);
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { key, value } of entries) pipeline.set(key, value, 'PX', ttlMs);
    const results = (await redisSpan('SET', () => pipeline.exec())) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return (await redisSpan('SET', () => this.redis.set(key, value, 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await redisSpan('DEL', () => this.redis.del(key));
  }

  /** QUIT waits for queued commands, which could be forever with Redis unreachable: drop the socket after a second. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)));
    try {
      await Promise.race([this.redis.quit().catch(() => undefined), timedOut]);
    } finally {
      clearTimeout(timer);
      this.redis.disconnect();
    }
  }
}

/** A CLIENT span per cache command inside a traced operation (database conventions; keys and values are not recorded). */
function redisSpan<T>(operation: string, work: () => Promise<T>): Promise<T> {
  return inChildSpan(operation, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'redis', 'db.operation.name': operation } }, work);
}
