import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Cache } from '../../../platform/cache/cache.js';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import type { AssistantToolContext } from '../tools/assistant-tool-context.js';
import type { Tool } from '../tools/tool-registry.js';
import { toolCacheCounter } from './cache-metrics.js';

/** Reads whose result depends only on the tenant and the arguments. Tools with side effects are never cached. */
export const cacheableToolNames: ReadonlySet<string> = new Set(['retrieve_menu', 'search_knowledge_base']);

export interface ToolResultCacheOptions {
  /** A shared Redis cache in production; a per-process LRU by default. */
  cache?: Cache;
  /** Short, because menu and document edits are not signalled to this cache. @default 60_000 */
  ttlMs?: number;
  /** Keeps deployments sharing one Redis apart. @default 'assistant:tool:' */
  keyPrefix?: string;
  /** Called when the cache itself fails; the tool then runs uncached. */
  onError?: (error: unknown) => void;
}

/** Caches results of idempotent tools by tenant + tool + canonical arguments. */
export class ToolResultCache {
  private readonly cache: Cache;
  private readonly ttlMs: number;
  private readonly keyPrefix: string;
  private readonly onError: (error: unknown) => void;

  constructor(options: ToolResultCacheOptions = {}) {
    this.cache = options.cache ?? new InMemoryCache({ maxEntries: 5_000 });
    this.ttlMs = options.ttlMs ?? 60_000;
    this.keyPrefix = options.keyPrefix ?? 'assistant:tool:';
    this.onError = options.onError ?? (() => {});
  }

  /** `args` are the validated arguments (defaults applied), so `{}` and `{ first: 20 }` share an entry. */
  key(tenantId: string, toolName: string, args: unknown): string {
    const digest = createHash('sha256').update(canonicalJson(args)).digest('hex').slice(0, 32);
    return `${this.keyPrefix}${tenantId}:${toolName}:${digest}`;
  }

  async getOrRun<R>(tenantId: string, toolName: string, args: unknown, run: () => Promise<R>): Promise<R> {
    const key = this.key(tenantId, toolName, args);
    const cached = await this.cache.getMany([key]).then(([value]) => value, this.reportAndIgnore);
    if (cached !== undefined) {
      toolCacheCounter().inc({ tool: toolName, result: 'hit' });
      return JSON.parse(cached) as R;
    }
    toolCacheCounter().inc({ tool: toolName, result: 'miss' });
    // Failures are thrown, not cached: a ToolError (e.g. UNAUTHENTICATED) must not be served to the next caller.
    const result = await run();
    await this.cache.setMany([{ key, value: JSON.stringify(result) }], this.ttlMs).catch(this.reportAndIgnore);
    return result;
  }

  private readonly reportAndIgnore = (error: unknown): undefined => {
    this.onError(error);
    return undefined;
  };
}

/**
 * The same tool, answering from the cache when the tenant asked the same thing within the TTL. Refuses tools not in
 * {@link cacheableToolNames}, so a side-effecting tool cannot be cached by mistake.
 */
export function withToolResultCache<S extends z.ZodObject, R>(
  tool: Tool<S, AssistantToolContext, R>,
  cache: ToolResultCache,
): Tool<S, AssistantToolContext, R> {
  if (!cacheableToolNames.has(tool.name)) throw new Error(`tool "${tool.name}" is not idempotent and must not be cached`);
  return {
    ...tool,
    execute: (args, context, signal) => cache.getOrRun(context.tenantId, tool.name, args, async () => tool.execute(args, context, signal)),
  };
}

/** JSON with object keys sorted at every level, so argument order never changes the key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
