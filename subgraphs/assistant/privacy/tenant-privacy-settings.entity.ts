import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A tenant's privacy settings. A tenant without a row uses the deployment's defaults (PII_PHONE_REGIONS). */
export const TenantPrivacySettingsEntity = defineEntity({
  name: 'TenantPrivacySettings',
  tableName: 'tenant_privacy_settings',
  properties: {
    tenantId: p.string().primary(),
    /** ISO 3166 region codes, in order of preference, whose national phone numbers redaction recognises. */
    phoneRegions: p.array(),
    /** The admin (user ID) who last changed them. */
    updatedBy: p.string(),
    updatedAt: p.datetime(),
  },
});

export type TenantPrivacySettings = InferEntity<typeof TenantPrivacySettingsEntity>;
