import { describe, expect, it } from 'vitest';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import type { PrivacySettingsRepository } from './privacy-settings-repository.js';
import { PrivacySettingsService, validPhoneRegions } from './privacy-settings-service.js';
import type { TenantPrivacySettings } from './tenant-privacy-settings.entity.js';

function fakeRepository() {
  const rows = new Map<string, TenantPrivacySettings>();
  let reads = 0;
  const repository = {
    find: async (tenantId: string) => {
      reads++;
      return rows.get(tenantId) ?? null;
    },
    save: async (settings: TenantPrivacySettings) => void rows.set(settings.tenantId, settings),
  } as unknown as PrivacySettingsRepository;
  return { repository, reads: () => reads };
}

describe('PrivacySettingsService', () => {
  it('reads through the cache, and an update invalidates only that tenant', async () => {
    const { repository, reads } = fakeRepository();
    const service = new PrivacySettingsService({ repository, defaultPhoneRegions: ['GB', 'US'], cache: new InMemoryCache() });
    expect(await service.phoneRegionsFor('a')).toEqual(['GB', 'US']);
    expect(await service.phoneRegionsFor('a')).toEqual(['GB', 'US']);
    expect(await service.phoneRegionsFor('b')).toEqual(['GB', 'US']);
    expect(reads()).toBe(2);

    await service.setPhoneRegions('a', 'ann', ['DE']);
    expect(await service.phoneRegionsFor('a')).toEqual(['DE']);
    expect(await service.phoneRegionsFor('b')).toEqual(['GB', 'US']);
    expect(reads()).toBe(3);
    expect(await service.get('a')).toMatchObject({ custom: true, updatedAt: expect.any(Date) });
  });

  it('falls back to the database when the cache fails', async () => {
    const { repository } = fakeRepository();
    const broken = new InMemoryCache();
    broken.getMany = () => Promise.reject(new Error('down'));
    broken.setMany = () => Promise.reject(new Error('down'));
    const errors: unknown[] = [];
    const service = new PrivacySettingsService({
      repository,
      defaultPhoneRegions: ['FR'],
      cache: broken,
      onCacheError: (error) => errors.push(error),
    });
    expect(await service.phoneRegionsFor('a')).toEqual(['FR']);
    expect(errors).toHaveLength(2);
  });
});

describe('validPhoneRegions', () => {
  it('upper-cases and de-duplicates in order', () => {
    expect(validPhoneRegions([' de', 'gb', 'DE'])).toEqual(['DE', 'GB']);
  });

  it('refuses unknown codes by name, empty lists and more than 20 regions', () => {
    expect(() => validPhoneRegions(['DE', 'ZZ'])).toThrow(/"ZZ"/);
    expect(() => validPhoneRegions([])).toThrow(/at least one/);
    const many = 'AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IT LT LU LV'.split(' ');
    expect(() => validPhoneRegions(many)).toThrow(/at most 20/);
  });
});
