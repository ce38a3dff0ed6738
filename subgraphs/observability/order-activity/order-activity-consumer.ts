import { ORDER_EVENTS_STREAM, orderBusEventSchema } from '../../../platform/events/contracts/order-events.js';
import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import { counter, histogram } from '../../../platform/metrics/metrics.js';
import type { OrderActivityRepository } from './order-activity-repository.js';

export const ORDER_ACTIVITY_GROUP = 'observability-order-activity';

/** An event that can never be handled; it goes to the dead-letter stream after the retries, for a person to look at. */
export class PoisonEventError extends Error {
  override name = 'PoisonEventError';
}

const consumed = counter({
  name: 'ragline_order_events_consumed_total',
  help: 'Order events recorded by the observability subgraph',
  labelNames: ['type'],
});
const deliveryLatency = histogram({
  name: 'ragline_order_event_delivery_seconds',
  help: 'From the order commit (occurredAt) to this consumer recording the event',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export function orderActivityHandler(activity: OrderActivityRepository, logger: Logger) {
  return async (event: BusEvent): Promise<void> => {
    const parsed = orderBusEventSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`).join('; ');
      throw new PoisonEventError(`not an order_v1 event: ${problems}`);
    }
    const { eventId, type, tenantId, occurredAt, payload } = parsed.data;
    const row = {
      eventId,
      tenantId,
      type,
      orderId: payload.orderId,
      customerId: payload.customerId,
      orderVersion: payload.orderVersion,
      status: payload.order.status,
      occurredAt: new Date(occurredAt),
      recordedAt: new Date(),
    };
    if (!(await activity.insertOnce(row))) {
      logger.debug({ eventId }, 'duplicate order event ignored');
      return;
    }
    consumed.inc({ type });
    deliveryLatency.observe((row.recordedAt.getTime() - row.occurredAt.getTime()) / 1000);
  };
}

export function startOrderActivityConsumer(options: {
  bus: EventBus;
  activity: OrderActivityRepository;
  logger: Logger;
  retry: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>;
}): Promise<ConsumerHandle> {
  return options.bus.consume(ORDER_EVENTS_STREAM, ORDER_ACTIVITY_GROUP, orderActivityHandler(options.activity, options.logger), {
    startFrom: '0',
    ...options.retry,
  });
}
