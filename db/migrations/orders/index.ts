import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001CatalogAndOrders } from './0001-catalog-and-orders.js';
import { Migration0002ProductSearch } from './0002-product-search.js';
import { Migration0003Outbox } from './0003-outbox.js';
import { Migration0004PricingAndPromotions } from './0004-pricing-and-promotions.js';
import { Migration0005OutboxTraceContext } from './0005-outbox-trace-context.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const ordersMigrations: MigrationObject[] = [
  { name: '0001_catalog_and_orders', class: Migration0001CatalogAndOrders },
  { name: '0002_product_search', class: Migration0002ProductSearch },
  { name: '0003_outbox', class: Migration0003Outbox },
  { name: '0004_pricing_and_promotions', class: Migration0004PricingAndPromotions },
  { name: '0005_outbox_trace_context', class: Migration0005OutboxTraceContext },
];
