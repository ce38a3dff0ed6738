import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ORDER_STATUSES, type OrderStatus } from '../../../platform/events/contracts/order-events.js';

export { ORDER_STATUSES, type OrderStatus };

/** A line as it was when ordered: name and price are snapshots, so later catalog edits never change an order. */
export interface OrderLine {
  productId: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  notes: string | null;
}

export const OrderEntity = defineEntity({
  name: 'Order',
  tableName: 'orders',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.string(),
    status: p.enum(ORDER_STATUSES),
    lines: p.json<OrderLine[]>(),
    subtotalCents: p.integer(),
    /** Promotion discount, never above the subtotal. */
    discountCents: p.integer().default(0),
    /** Tax on (subtotal - discount) at the tenant's rate, rounded half-up once per order. */
    taxCents: p.integer().default(0),
    /** subtotal - discount + tax. */
    totalCents: p.integer(),
    /** The promotion code applied (upper-case), if any. */
    promoCode: p.string().nullable(),
    currency: p.string(),
    idempotencyKey: p.string(),
    requestHash: p.string(),
    version: p.integer().version(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Order = InferEntity<typeof OrderEntity>;
