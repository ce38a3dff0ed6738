import { z } from 'zod';
import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import {
  OPERATION_TIMINGS_EVENT_TYPE,
  OPERATION_TIMINGS_STREAM,
  operationTimingPayloadSchema,
} from '../../../platform/events/contracts/operation-timing-event.js';
import type { OperationTimingRepository } from './operation-timing-repository.js';

export const OPERATION_TIMINGS_GROUP = 'observability';

const envelopeSchema = z.object({
  eventId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(200),
  payload: operationTimingPayloadSchema,
});

/** Stores one gateway window; redeliveries are no-ops, malformed events are logged and acknowledged. */
export function operationTimingEventHandler(timings: OperationTimingRepository, logger: Logger) {
  return async (event: BusEvent): Promise<void> => {
    if (event.type !== OPERATION_TIMINGS_EVENT_TYPE) return;
    const parsed = envelopeSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
      logger.warn({ eventId: event.eventId, tenantId: event.tenantId, problems }, 'dropping invalid operation_timing_v1 event');
      return;
    }
    await timings.insertWindow(parsed.data.eventId, parsed.data.tenantId, parsed.data.payload);
  };
}

export interface OperationTimingConsumerOptions {
  retry?: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>;
  bus: EventBus;
  timings: OperationTimingRepository;
  logger: Logger;
}

export function startOperationTimingConsumer({ bus, timings, logger, retry }: OperationTimingConsumerOptions): Promise<ConsumerHandle> {
  return bus.consume(OPERATION_TIMINGS_STREAM, OPERATION_TIMINGS_GROUP, operationTimingEventHandler(timings, logger), {
    startFrom: '0',
    ...retry,
  });
}
