import type { EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { TenantSettingsEntity, type TenantSettings } from './tenant-settings.entity.js';

/** Per-tenant pricing settings (the tax rate); keyed by tenant. */
export class TenantSettingsRepository {
  constructor(private readonly em: () => EntityManager) {}

  find(tenantId: string): Promise<TenantSettings | null> {
    return this.em().findOne(TenantSettingsEntity, { tenantId });
  }

  /** Demo seeding: inserts the tenant's row unless it exists; an existing row stays as the tenant changed it. */
  async insertMissing(settings: EntityData<TenantSettings>): Promise<void> {
    await this.em().upsert(TenantSettingsEntity, settings, { onConflictFields: ['tenantId'], onConflictAction: 'ignore' });
  }
}
