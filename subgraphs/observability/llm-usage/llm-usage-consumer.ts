import { z } from 'zod';
import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import type { LlmUsageRepository } from './llm-usage-repository.js';
import { LLM_CALL_EVENT_TYPE, LLM_USAGE_STREAM, llmCallPayloadSchema } from '../../../platform/events/contracts/llm-call-event.js';

export const LLM_USAGE_GROUP = 'observability';

const envelopeSchema = z.object({
  eventId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: llmCallPayloadSchema,
});

/**
 * Stores one `llm-usage` event as an `llm_calls` row. Redeliveries are harmless (the unique event_id makes the insert
 * a no-op). An event that can never be stored (wrong shape) is logged and acknowledged rather than retried forever;
 * database failures throw, so the bus redelivers the event later.
 */
export function llmUsageEventHandler(calls: LlmUsageRepository, logger: Logger) {
  return async (event: BusEvent): Promise<void> => {
    if (event.type !== LLM_CALL_EVENT_TYPE) {
      logger.debug({ eventId: event.eventId, type: event.type }, 'ignoring event of another type on llm-usage');
      return;
    }
    const parsed = envelopeSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
      logger.warn({ eventId: event.eventId, tenantId: event.tenantId, problems }, 'dropping invalid llm_call_v1 event');
      return;
    }
    const { eventId, tenantId, occurredAt, payload } = parsed.data;
    const { schema: _schema, promptVariant = null, messageId = null, requestId = null, ...call } = payload;
    const row = {
      id: crypto.randomUUID(),
      eventId,
      tenantId,
      occurredAt: new Date(occurredAt),
      recordedAt: new Date(),
      ...call,
      promptVariant,
      messageId,
      requestId,
    };
    if (!(await calls.insertOnce(row))) logger.debug({ eventId }, 'llm call already stored');
  };
}

export interface LlmUsageConsumerOptions {
  retry?: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>;
  bus: EventBus;
  calls: LlmUsageRepository;
  logger: Logger;
}

/** Joins the `observability` group from the start of the retained stream: replays are deduplicated anyway. */
export function startLlmUsageConsumer({ bus, calls, logger, retry }: LlmUsageConsumerOptions): Promise<ConsumerHandle> {
  return bus.consume(LLM_USAGE_STREAM, LLM_USAGE_GROUP, llmUsageEventHandler(calls, logger), { startFrom: '0', ...retry });
}
