import { z } from 'zod';
import type { BusEvent, EventBus } from '../event-bus.js';

/** The stream every LLM call is reported on; the observability subgraph consumes it as group `observability`. */
export const LLM_USAGE_STREAM = 'llm-usage';
export const LLM_CALL_EVENT_TYPE = 'LLM_CALL';

export const LLM_CALL_OUTCOMES = ['ok', 'error', 'cancelled'] as const;
export type LlmCallOutcome = (typeof LLM_CALL_OUTCOMES)[number];

const INT32_MAX = 2_147_483_647;
const count = (what: string) => z.number().int(`${what} must be an integer`).min(0, `${what} must be 0 or more`).max(INT32_MAX);
const label = z.string().trim().min(1).max(200);

/** llm_call_v1: one finished (or failed, or cancelled) model call. The tenant travels on the event, not in here. */
export const llmCallPayloadSchema = z.object({
  schema: z.literal('llm_call_v1'),
  provider: label,
  model: label,
  promptName: label,
  promptVersion: z.number().int().positive(),
  inputTokens: count('inputTokens'),
  outputTokens: count('outputTokens'),
  latencyMs: count('latencyMs'),
  timeToFirstTokenMs: count('timeToFirstTokenMs').nullable(),
  /** Integer micro-dollars (1 USD = 1,000,000); money is never a float. */
  costMicros: count('costMicros'),
  outcome: z.enum(LLM_CALL_OUTCOMES),
  errorType: label.nullable(),
  conversationId: label.nullable(),
  // Added to v1 as optional fields (older producers omit them, so every stored v1 event still parses): which A/B
  // variant of the prompt produced the call, the assistant message it answered and the request that started it.
  promptVariant: label.nullable().optional(),
  messageId: label.nullable().optional(),
  requestId: label.nullable().optional(),
});

export type LlmCallPayload = z.infer<typeof llmCallPayloadSchema>;
export type LlmCallInput = Omit<LlmCallPayload, 'schema'>;

export interface PublishLlmCallOptions {
  /** Reuse the same ID when re-publishing one call (e.g. after a failed publish), so it is counted once. */
  eventId?: string;
  /** When the call finished; defaults to now. */
  occurredAt?: Date;
}

/**
 * Reports one LLM call. The payload is validated here, so a producer bug fails at the producer instead of becoming an
 * event the consumer has to drop (the returned promise rejects with the zod error).
 */
export async function publishLlmCall(
  bus: EventBus,
  tenantId: string,
  input: LlmCallInput,
  options: PublishLlmCallOptions = {},
): Promise<BusEvent<LlmCallPayload>> {
  const payload = llmCallPayloadSchema.parse({ ...input, schema: 'llm_call_v1' });
  return bus.publish(LLM_USAGE_STREAM, {
    type: LLM_CALL_EVENT_TYPE,
    tenantId,
    payload,
    eventId: options.eventId,
    occurredAt: options.occurredAt?.toISOString(),
  });
}
