import { defineEntity, p } from '@mikro-orm/core';

/**
 * Fixture entity showing the MikroORM 7 `defineEntity` recipe (no decorators, no reflect-metadata):
 * - no `schema:` — the ORM's configured schema (the subgraph's) qualifies every query;
 * - camelCase properties map to snake_case columns (tenantId -> tenant_id);
 * - ids and timestamps are generated in JS with `onCreate`, so they are known before flush.
 */
export const WidgetSchema = defineEntity({
  name: 'Widget',
  tableName: 'widgets',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.string(),
    name: p.string(),
    /** Integer cents; never floats for money. */
    priceCents: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Widget extends WidgetSchema.class {}
WidgetSchema.setClass(Widget);
