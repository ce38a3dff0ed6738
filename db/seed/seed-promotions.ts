import type { EntityManager } from '@mikro-orm/sql';
import { TenantSettingsEntity } from '../../subgraphs/orders/entities/tenant-settings.entity.js';
import { PromotionEntity } from '../../subgraphs/orders/promotions/promotion.entity.js';
import { DEMO_TENANT } from './demo-tenant.js';
import { stableId } from './stable-id.js';

/** The demo tenant charges 10% tax on tax-exclusive prices. */
export const DEMO_TAX_RATE_BP = 1000;

/** Demo promotions: a first-order welcome, a flat discount and one that has expired. */
export const DEMO_PROMOTIONS = [
  { code: 'WELCOME10', kind: 'PERCENT', value: 1000, minSubtotalCents: 1500, maxRedemptionsPerCustomer: 1, validUntil: null },
  { code: 'FIVEOFF', kind: 'FIXED', value: 500, minSubtotalCents: 0, maxRedemptionsPerCustomer: null, validUntil: null },
  { code: 'SUMMER23', kind: 'PERCENT', value: 1500, minSubtotalCents: 0, maxRedemptionsPerCustomer: null, validUntil: new Date('2023-09-01T00:00:00Z') },
] as const;

/** Inserts the demo tax rate and promotions once; rows that exist are left as the tenant changed them. */
export async function seedPromotions(em: EntityManager): Promise<void> {
  const now = new Date();
  await em.upsert(TenantSettingsEntity, { tenantId: DEMO_TENANT, taxRateBp: DEMO_TAX_RATE_BP, updatedAt: now }, { onConflictFields: ['tenantId'], onConflictAction: 'ignore' });
  const rows = DEMO_PROMOTIONS.map((promotion) => ({
    id: stableId(DEMO_TENANT, 'promotion', promotion.code),
    tenantId: DEMO_TENANT,
    validFrom: null,
    maxRedemptions: null,
    redemptions: 0,
    active: true,
    createdAt: now,
    updatedAt: now,
    ...promotion,
  }));
  await em.upsertMany(PromotionEntity, rows, { onConflictFields: ['id'], onConflictAction: 'ignore' });
}
