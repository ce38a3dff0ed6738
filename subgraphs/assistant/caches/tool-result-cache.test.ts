import { describe, expect, it, vi } from 'vitest';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import type { Cache } from '../../../platform/cache/cache.js';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import { createAssistantTools, createAssistantToolRegistry } from '../tools/assistant-tools.js';
import { confirmOrderTool } from '../tools/confirm-order.js';
import { createFakeSupergraphFetch, toolContextFor } from '../../../test/fakes/fake-supergraph.js';
import { canonicalJson, ToolResultCache, withToolResultCache } from './tool-result-cache.js';

const productsReply = { body: { data: { products: { edges: [], pageInfo: { hasNextPage: false } } } } };

async function count(tool: string, result: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('ragline_assistant_tool_cache_total')?.get();
  return metric?.values.find((value) => value.labels.tool === tool && value.labels.result === result)?.value ?? 0;
}

describe('ToolResultCache', () => {
  it('serves a repeated retrieve_menu call of the same tenant from the cache, whatever the argument order', async () => {
    const fake = createFakeSupergraphFetch(productsReply);
    const registry = createAssistantToolRegistry({ toolResultCache: new ToolResultCache() });
    const [hits, misses] = [await count('retrieve_menu', 'hit'), await count('retrieve_menu', 'miss')];
    const context = toolContextFor(fake.fetch);
    await registry.invoke('retrieve_menu', '{"vegan":true,"first":10}', context);
    const second = await registry.invoke('retrieve_menu', '{"first":10,"vegan":true}', context);
    expect(second).toEqual({ ok: true, result: { items: [], more: false } });
    expect(fake.requests).toHaveLength(1);
    expect(await count('retrieve_menu', 'hit')).toBe(hits + 1);
    expect(await count('retrieve_menu', 'miss')).toBe(misses + 1);

    await registry.invoke('retrieve_menu', '{"vegan":true,"first":10}', toolContextFor(fake.fetch, { tenantId: 'other' }));
    await registry.invoke('retrieve_menu', '{"vegan":false,"first":10}', context);
    expect(fake.requests).toHaveLength(3);
  });

  it('expires entries after the TTL', async () => {
    let now = 0;
    const cache = new ToolResultCache({ cache: new InMemoryCache({ now: () => now }), ttlMs: 100 });
    const run = vi.fn(async () => ({ value: 1 }));
    await cache.getOrRun('t', 'retrieve_menu', {}, run);
    await cache.getOrRun('t', 'retrieve_menu', {}, run);
    now = 100;
    await cache.getOrRun('t', 'retrieve_menu', {}, run);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not cache failures', async () => {
    const fake = createFakeSupergraphFetch(
      { body: { errors: [{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }] } },
      productsReply,
    );
    const registry = createAssistantToolRegistry({ toolResultCache: new ToolResultCache() });
    expect(await registry.invoke('retrieve_menu', '{}', toolContextFor(fake.fetch))).toMatchObject({ ok: false });
    expect(await registry.invoke('retrieve_menu', '{}', toolContextFor(fake.fetch))).toMatchObject({ ok: true });
  });

  it('runs the tool uncached when the cache fails', async () => {
    const broken: Cache = {
      kind: 'redis',
      getMany: () => Promise.reject(new Error('redis down')),
      setMany: () => Promise.reject(new Error('redis down')),
      add: () => Promise.reject(new Error('redis down')),
      delete: () => Promise.reject(new Error('redis down')),
      close: async () => {},
    };
    const onError = vi.fn();
    const cache = new ToolResultCache({ cache: broken, onError });
    await expect(cache.getOrRun('t', 'retrieve_menu', {}, async () => 'fresh')).resolves.toBe('fresh');
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('refuses to wrap a tool with side effects and leaves the others unwrapped', () => {
    expect(() => withToolResultCache(confirmOrderTool, new ToolResultCache())).toThrow(/not idempotent/);
    const tools = createAssistantTools({ toolResultCache: new ToolResultCache() });
    expect(tools.find((tool) => tool.name === 'confirm_order')).toBe(confirmOrderTool);
  });

  it('builds keys from tenant, tool and canonical arguments', () => {
    const cache = new ToolResultCache({ keyPrefix: 'p:' });
    expect(cache.key('demo', 'retrieve_menu', { b: 1, a: { d: 2, c: 3 } })).toBe(
      cache.key('demo', 'retrieve_menu', { a: { c: 3, d: 2 }, b: 1 }),
    );
    expect(cache.key('demo', 'retrieve_menu', {})).toMatch(/^p:demo:retrieve_menu:[0-9a-f]{32}$/);
    expect(canonicalJson({ b: [2, { z: 1, y: 2 }], a: null })).toBe('{"a":null,"b":[2,{"y":2,"z":1}]}');
  });
});
