import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Order, OrderLine, OrderStatus } from '../entities/order.entity.js';

export const ORDER_EVENTS_STREAM = 'order-events';

/** order_v1: what every order event carries; the order snapshot lets subscribers render it without a lookup. */
export interface OrderEventPayload {
  schema: 'order_v1';
  orderId: string;
  orderVersion: number;
  customerId: string;
  order: {
    id: string;
    status: OrderStatus;
    customerId: string;
    lines: OrderLine[];
    subtotalCents: number;
    totalCents: number;
    currency: string;
    version: number;
    createdAt: string;
    updatedAt: string;
  };
}

export interface OrderEventPublisher {
  publish(type: string, order: Order): Promise<void>;
}

/**
 * Publishes after the order is committed. A crash between commit and publish loses that event; the transactional
 * outbox (orders issue) closes this gap.
 */
export function busOrderEventPublisher(bus: EventBus): OrderEventPublisher {
  return {
    async publish(type, order) {
      const payload: OrderEventPayload = {
        schema: 'order_v1',
        orderId: order.id,
        orderVersion: order.version,
        customerId: order.customerId,
        order: {
          id: order.id,
          status: order.status,
          customerId: order.customerId,
          lines: order.lines,
          subtotalCents: order.subtotalCents,
          totalCents: order.totalCents,
          currency: order.currency,
          version: order.version,
          createdAt: order.createdAt.toISOString(),
          updatedAt: order.updatedAt.toISOString(),
        },
      };
      await bus.publish(ORDER_EVENTS_STREAM, { type, tenantId: order.tenantId, payload });
    },
  };
}
