import type { EntityManager } from '@mikro-orm/sql';
import { DEMO_MENU, DEMO_PROMOTIONS, DEMO_TAX_RATE_BP, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import { ProductEntity } from './catalog/product.entity.js';
import { TenantSettingsEntity } from './pricing/tenant-settings.entity.js';
import { PromotionEntity } from './promotions/promotion.entity.js';

/** Inserts the demo menu once; rows that exist (same stable ID) are left as the tenant edited them. */
export async function seedOrders(em: EntityManager): Promise<void> {
  const now = new Date();
  const rows = DEMO_MENU.map((item) => ({
    id: stableId(DEMO_TENANT, 'product', item.slug),
    tenantId: DEMO_TENANT,
    currency: 'EUR',
    createdAt: now,
    updatedAt: now,
    ...item,
  }));
  await em.upsertMany(ProductEntity, rows as never[], { onConflictFields: ['id'], onConflictAction: 'ignore' });
}

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
