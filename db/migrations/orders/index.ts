import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001CatalogAndOrders } from './0001-catalog-and-orders.js';
import { Migration0003Outbox } from './0003-outbox.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const ordersMigrations: MigrationObject[] = [
  { name: '0001_catalog_and_orders', class: Migration0001CatalogAndOrders },
  { name: '0003_outbox', class: Migration0003Outbox },
];
