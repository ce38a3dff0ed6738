import type { EntityManager } from '@mikro-orm/sql';
import { DEMO_MENU, DEMO_PROMOTIONS, DEMO_TAX_RATE_BP, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import { ProductRepository } from './catalog/product-repository.js';
import { TenantSettingsRepository } from './pricing/tenant-settings-repository.js';
import { PromotionRepository } from './promotions/promotion-repository.js';

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
  await new ProductRepository(() => em).insertMissing(rows);
}

/** Inserts the demo tax rate and promotions once; rows that exist are left as the tenant changed them. */
export async function seedPromotions(em: EntityManager): Promise<void> {
  const now = new Date();
  await new TenantSettingsRepository(() => em).insertMissing({ tenantId: DEMO_TENANT, taxRateBp: DEMO_TAX_RATE_BP, updatedAt: now });
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
  await new PromotionRepository(() => em).insertMissing(rows);
}
