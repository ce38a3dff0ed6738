import type { EntityManager } from '@mikro-orm/sql';
import { z } from 'zod';
import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import { LlmCallEntity } from './llm-call.entity.js';
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
export function llmUsageEventHandler(em: () => EntityManager, logger: Logger) {
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
    const { schema: _schema, ...call } = payload;
    const row = { id: crypto.randomUUID(), eventId, tenantId, occurredAt: new Date(occurredAt), recordedAt: new Date(), ...call };
    const result = await em().createQueryBuilder(LlmCallEntity).insert(row).onConflict('eventId').ignore().execute('run');
    if (result.affectedRows === 0) logger.debug({ eventId }, 'llm call already stored');
  };
}

export interface LlmUsageConsumerOptions {
  retry?: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>;
  bus: EventBus;
  em: () => EntityManager;
  logger: Logger;
}

/** Joins the `observability` group from the start of the retained stream: replays are deduplicated anyway. */
export function startLlmUsageConsumer({ bus, em, logger, retry }: LlmUsageConsumerOptions): Promise<ConsumerHandle> {
  return bus.consume(LLM_USAGE_STREAM, LLM_USAGE_GROUP, llmUsageEventHandler(em, logger), { startFrom: '0', ...retry });
}
