import type { EntityManager } from '@mikro-orm/sql';
import { ProductEntity } from '../../subgraphs/orders/entities/product.entity.js';
import { DEMO_MENU, DEMO_TENANT } from './demo-tenant.js';
import { stableId } from './stable-id.js';

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
