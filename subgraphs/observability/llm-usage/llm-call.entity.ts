import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LLM_CALL_OUTCOMES } from '../../../platform/events/contracts/llm-call-event.js';

/** One reported LLM call; `eventId` (unique) makes storing an event idempotent. */
export const LlmCallEntity = defineEntity({
  name: 'LlmCall',
  tableName: 'llm_calls',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    eventId: p.string().unique(),
    tenantId: p.string(),
    occurredAt: p.datetime(),
    provider: p.string(),
    model: p.string(),
    promptName: p.string(),
    promptVersion: p.integer(),
    inputTokens: p.integer(),
    outputTokens: p.integer(),
    latencyMs: p.integer(),
    timeToFirstTokenMs: p.integer().nullable(),
    costMicros: p.integer(),
    outcome: p.enum(LLM_CALL_OUTCOMES),
    errorType: p.string().nullable(),
    conversationId: p.string().nullable(),
    promptVariant: p.string().nullable(),
    /** The assistant message the call answered; ratings of that message are joined to the call's prompt variant by it. */
    messageId: p.string().nullable(),
    requestId: p.string().nullable(),
    recordedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type LlmCall = InferEntity<typeof LlmCallEntity>;
