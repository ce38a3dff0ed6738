import { mapAsyncIterator } from '../../../platform/async/map-async-iterator.js';
import { filter, map, pipe } from 'graphql-yoga';
import type { Principal } from '../../../platform/auth/principal.js';
import type { BusEvent } from '../../../platform/events/event-bus.js';
import { gauge } from '../../../platform/metrics/metrics.js';
import { ORDER_EVENTS_STREAM, type OrderEventPayload } from '../../../platform/events/contracts/order-events.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/is-uuid.js';
import type { OutboxRepository, OutboxRow } from '../outbox/outbox-repository.js';
import { canSeeOrderEvent, type OrderEventFanOut } from './order-event-fan-out.js';

export interface OrderEventView {
  eventId: string;
  type: string;
  occurredAt: Date;
  previousStatus: OrderEventPayload['previousStatus'];
  order: Omit<OrderEventPayload['order'], 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
}

const liveSubscribers = gauge({ name: 'ragline_order_event_subscribers', help: 'Open orderEvents subscriptions in this process' });

/** The code of a resume point (`after`) the outbox no longer holds: refetch the order and subscribe without it. */
export const RESUME_POINT_UNKNOWN = 'RESUME_POINT_UNKNOWN';
/** Events replayed to one resuming subscriber at most; a client further behind refetches instead. */
const MAX_REPLAYED_EVENTS = 1000;

/**
 * Order events a caller may see: their tenant's, and for customers only their own orders. With `afterEventId` the
 * events committed after that one are replayed from the outbox first, then live ones follow, each event once.
 */
export class OrderEventStream {
  constructor(
    private readonly fanOut: OrderEventFanOut,
    private readonly outbox?: OutboxRepository,
  ) {}

  async subscribe(principal: Principal, orderId?: string | null, afterEventId?: string | null): Promise<AsyncIterable<OrderEventView>> {
    const audience = { principal, orderId };
    const visible = (event: BusEvent) => canSeeOrderEvent(audience, event);
    // The fan-out hands each subscription only the events it may see (checked again there on every delivery).
    if (!afterEventId) return mapAsyncIterator(counted(this.fanOut.subscribe(audience)), toView);
    if (!isUuid(afterEventId) || (orderId && !isUuid(orderId)))
      throw appError(ErrorCode.BadUserInput, 'after and orderId are event and order IDs');
    // Live first, then the history: an event committed in between is in both, and the seen set drops the second copy.
    const live = counted(this.fanOut.subscribe(audience));
    let missed: BusEvent[];
    try {
      missed = (await this.missedEvents(principal, afterEventId, orderId)).filter(visible);
    } catch (error) {
      await live.return?.();
      throw error;
    }
    const seen = new Set(missed.map((event) => event.eventId));
    const unseenLive = pipe(
      live,
      filter((event: BusEvent) => visible(event) && !seen.has(event.eventId)),
    );
    return pipe(prepend(missed, unseenLive), map(toView));
  }

  private async missedEvents(principal: Principal, afterEventId: string, orderId?: string | null): Promise<BusEvent[]> {
    const rows = await this.outbox?.eventsAfter(principal.tenantId, afterEventId, {
      stream: ORDER_EVENTS_STREAM,
      aggregateId: orderId,
      limit: MAX_REPLAYED_EVENTS,
    });
    if (!rows) throw appError(RESUME_POINT_UNKNOWN, 'The event to resume after is unknown or expired; refetch and subscribe without after');
    return rows.map(fromOutboxRow);
  }
}

function fromOutboxRow(row: OutboxRow): BusEvent {
  return {
    id: row.id,
    stream: row.stream,
    eventId: row.event_id,
    type: row.type,
    tenantId: row.tenant_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: row.payload,
  };
}

/** `first`'s values, then `rest`'s; returning stops `rest` at once. */
function prepend<T>(first: T[], rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  const queue = [...first];
  const iterator: AsyncIterableIterator<T> = {
    next: () => (queue.length > 0 ? Promise.resolve({ value: queue.shift()!, done: false }) : rest.next()),
    return: async () => {
      queue.length = 0;
      await rest.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Counts the subscription from the moment the bus delivers to it until it is returned or ends. */
function counted(source: AsyncIterableIterator<BusEvent>): AsyncIterableIterator<BusEvent> {
  liveSubscribers.inc();
  return mapAsyncIterator(source, (event) => event, { onClose: () => liveSubscribers.dec() });
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
