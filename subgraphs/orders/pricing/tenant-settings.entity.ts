import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Per-tenant pricing settings. A tenant without a row charges no tax. */
export const TenantSettingsEntity = defineEntity({
  name: 'TenantSettings',
  tableName: 'tenant_settings',
  properties: {
    tenantId: p.string().primary(),
    /** Tax rate in basis points (1000 = 10%); prices are tax-exclusive. */
    taxRateBp: p.integer().default(0),
    updatedAt: p.datetime(),
  },
});

export type TenantSettings = InferEntity<typeof TenantSettingsEntity>;
