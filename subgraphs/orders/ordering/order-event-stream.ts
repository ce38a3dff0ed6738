import { mapAsyncIterator } from '../../../platform/async/map-async-iterator.js';
import { filter, map, pipe } from 'graphql-yoga';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import type { BusEvent, EventBus } from '../../../platform/events/event-bus.js';
import { gauge } from '../../../platform/metrics/metrics.js';
import { ORDER_EVENTS_STREAM, type OrderEventPayload } from '../../../platform/events/contracts/order-events.js';

export interface OrderEventView {
  eventId: string;
  type: string;
  occurredAt: Date;
  previousStatus: OrderEventPayload['previousStatus'];
  order: Omit<OrderEventPayload['order'], 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
}

const liveSubscribers = gauge({ name: 'ragline_order_event_subscribers', help: 'Open orderEvents subscriptions in this process' });

/** Live order events a caller may see: their tenant's, and for customers only their own orders. */
export class OrderEventStream {
  constructor(private readonly bus: EventBus) {}

  subscribe(principal: Principal, orderId?: string | null): AsyncIterable<OrderEventView> {
    const visible = (event: BusEvent) => {
      if (!isOrderEvent(event)) return false;
      const payload = event.payload as OrderEventPayload;
      if (event.tenantId !== principal.tenantId) return false;
      if (orderId && payload.orderId !== orderId) return false;
      return payload.customerId === principal.userId || hasRole(principal, 'staff', 'admin');
    };
    return pipe(counted(this.bus.subscribe(ORDER_EVENTS_STREAM)), filter(visible), map(toView));
  }
}

/** Counts the subscription from the moment the bus delivers to it until it is returned or ends. */
function counted(source: AsyncIterableIterator<BusEvent>): AsyncIterableIterator<BusEvent> {
  liveSubscribers.inc();
  return mapAsyncIterator(source, (event) => event, { onClose: () => liveSubscribers.dec() });
}

/** Anything else on the stream (a malformed or foreign event) is skipped rather than breaking every live subscription. */
function isOrderEvent(event: BusEvent): boolean {
  const payload = event.payload as Partial<OrderEventPayload> | null;
  return (
    payload?.schema === 'order_v1' && typeof payload.orderId === 'string' && typeof payload.order === 'object' && payload.order !== null
  );
}

function toView(event: BusEvent): OrderEventView {
  const { order, previousStatus } = event.payload as OrderEventPayload;
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
    previousStatus: previousStatus ?? null,
    order: {
      ...order,
      // Events written before pricing existed carry no discount, tax or promo code.
      discountCents: order.discountCents ?? 0,
      taxCents: order.taxCents ?? 0,
      promoCode: order.promoCode ?? null,
      createdAt: new Date(order.createdAt),
      updatedAt: new Date(order.updatedAt),
    },
  };
}
