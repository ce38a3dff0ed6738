import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One order event as this subgraph received it: the order's timeline and the source of delivery metrics. */
export const OrderActivityEntity = defineEntity({
  name: 'OrderActivity',
  tableName: 'order_activity',
  properties: {
    eventId: p.uuid().primary(),
    tenantId: p.string(),
    orderId: p.uuid(),
    customerId: p.string(),
    type: p.string(),
    status: p.string(),
    orderVersion: p.integer(),
    occurredAt: p.datetime(),
    recordedAt: p.datetime(),
  },
});

export type OrderActivity = InferEntity<typeof OrderActivityEntity>;
