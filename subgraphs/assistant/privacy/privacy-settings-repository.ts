import type { EntityManager } from '@mikro-orm/sql';
import { TenantPrivacySettingsEntity, type TenantPrivacySettings } from './tenant-privacy-settings.entity.js';

/** Per-tenant privacy settings, keyed by tenant: a statement never reads or writes another tenant's row. */
export class PrivacySettingsRepository {
  constructor(private readonly em: () => EntityManager) {}

  // Through the entity (not a raw row): its array type reads text[] the same on PGlite and PostgreSQL.
  find(tenantId: string): Promise<TenantPrivacySettings | null> {
    return this.em().findOne(TenantPrivacySettingsEntity, { tenantId });
  }

  /** Creates or replaces the tenant's row. */
  async save(settings: TenantPrivacySettings): Promise<void> {
    await this.em().upsert(TenantPrivacySettingsEntity, settings, { onConflictFields: ['tenantId'], onConflictAction: 'merge' });
  }
}
