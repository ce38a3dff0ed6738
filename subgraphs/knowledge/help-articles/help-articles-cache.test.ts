import { describe, expect, it, vi } from 'vitest';
import type { Cache } from '../../../platform/cache/cache.js';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import { createLogger } from '../../../platform/logger.js';
import type { Document } from '../documents/document.entity.js';
import { HelpArticlesCache } from './help-articles-cache.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const doc = (tenantId: string, title: string): Document =>
  ({
    id: title,
    tenantId,
    slug: title,
    title,
    scope: 'policies',
    body: '',
    tags: [],
    appliesToOrderStatuses: ['PENDING'],
    contentHash: '',
    format: 'MARKDOWN',
    metadata: {},
    byteSize: 0,
    chunkCount: 0,
    sourceName: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  }) as Document;

function setup(cache: Cache = new InMemoryCache({})) {
  const load = vi.fn(async (tenantId: string, statuses: readonly string[]) =>
    statuses.map((status) => [doc(tenantId, `${tenantId}-${status}`)]),
  );
  return { load, help: new HelpArticlesCache(cache, load, logger) };
}

describe('help-articles cache', () => {
  it('loads once and then serves the same documents, dates included', async () => {
    const { load, help } = setup();
    const first = await help.forStatuses('demo', ['PENDING', 'READY']);
    const second = await help.forStatuses('demo', ['READY', 'PENDING']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toEqual([first[1], first[0]]);
    expect(second[0]![0]!.updatedAt).toBeInstanceOf(Date);
  });

  it('loads only the statuses it does not have', async () => {
    const { load, help } = setup();
    await help.forStatuses('demo', ['PENDING']);
    await help.forStatuses('demo', ['PENDING', 'READY']);
    expect(load).toHaveBeenLastCalledWith('demo', ['READY']);
  });

  it('keeps tenants apart and invalidates one tenant at a time', async () => {
    const { load, help } = setup();
    expect((await help.forStatuses('demo', ['PENDING']))[0]![0]!.title).toBe('demo-PENDING');
    expect((await help.forStatuses('other', ['PENDING']))[0]![0]!.title).toBe('other-PENDING');
    await help.invalidate('demo');
    await help.forStatuses('demo', ['PENDING']);
    await help.forStatuses('other', ['PENDING']);
    expect(load.mock.calls.map(([tenant]) => tenant)).toEqual(['demo', 'other', 'demo']);
  });

  it('falls back to the database when the cache fails', async () => {
    const broken: Cache = {
      kind: 'redis',
      getMany: async () => Promise.reject(new Error('down')),
      setMany: async () => Promise.reject(new Error('down')),
      add: async () => Promise.reject(new Error('down')),
      delete: async () => undefined,
      close: async () => undefined,
    };
    const { load, help } = setup(broken);
    expect((await help.forStatuses('demo', ['PENDING']))[0]![0]!.title).toBe('demo-PENDING');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
