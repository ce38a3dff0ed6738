import { SubgraphMigration } from '../../migration.js';

/**
 * A tenant's privacy settings: for now the regions whose national phone numbers PII redaction recognises. One row per
 * tenant, absent until its admin sets something (the deployment's PII_PHONE_REGIONS applies until then).
 */
export class Migration0004TenantPrivacySettings extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('tenant_privacy_settings')} (
      tenant_id text primary key,
      phone_regions text[] not null,
      updated_by text not null,
      updated_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('tenant_privacy_settings')}`);
  }
}
