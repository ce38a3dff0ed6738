import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { Order, OrderStatus } from '../ordering/order.entity.js';
import { currentTraceparent } from '../../../platform/telemetry/propagation.js';
import { ORDER_EVENTS_STREAM, orderEventSchema, type OrderEventType } from '../../../platform/events/contracts/order-events.js';
import type { OutboxEventData, OutboxRepository } from './outbox-repository.js';

/**
 * Records an order event (checked against order_v1) in the unit of work of `tx`, so it commits or rolls back with the
 * change itself. Call it inside the transaction that changes the order (after the order's version was bumped).
 */
export function appendOrderEvent(
  outbox: OutboxRepository,
  tx: EntityManager,
  type: OrderEventType,
  order: Order,
  previousStatus: OrderStatus | null = null,
): void {
  outbox.add(tx, orderEventRow(type, order, previousStatus));
}

/** The outbox row of an order event, checked against order_v1; `occurredAt` is now. */
export function orderEventRow(type: OrderEventType, order: Order, previousStatus: OrderStatus | null = null): OutboxEventData {
  const occurredAt = new Date();
  const event = orderEventSchema.parse({
    schema: 'order_v1',
    eventId: randomUUID(),
    type,
    tenantId: order.tenantId,
    orderId: order.id,
    orderVersion: order.version,
    occurredAt: occurredAt.toISOString(),
    customerId: order.customerId,
    previousStatus,
    order: {
      id: order.id,
      status: order.status,
      customerId: order.customerId,
      lines: order.lines,
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      taxCents: order.taxCents,
      totalCents: order.totalCents,
      promoCode: order.promoCode ?? null,
      currency: order.currency,
      version: order.version,
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    },
  });
  const { eventId, type: _type, tenantId, occurredAt: _at, ...payload } = event;
  return {
    eventId,
    stream: ORDER_EVENTS_STREAM,
    type,
    tenantId,
    aggregateId: order.id,
    aggregateVersion: order.version,
    occurredAt,
    payload,
    attempts: 0,
    traceContext: currentTraceparent() ?? null,
  };
}
