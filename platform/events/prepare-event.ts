import { randomUUID } from 'node:crypto';
import type { BusEvent, PublishInput } from './event-bus.js';

export type PreparedEvent<TPayload = unknown> = Omit<BusEvent<TPayload>, 'id' | 'stream'>;

/**
 * Fills the producer-side fields both transports need. The payload goes through JSON here so the in-process bus hands
 * consumers exactly what Redis would (dates become strings, no shared references) and embedded mode cannot hide bugs.
 */
export function prepareEvent<TPayload>(input: PublishInput<TPayload>): PreparedEvent<TPayload> {
  return {
    eventId: input.eventId ?? randomUUID(),
    type: input.type,
    tenantId: input.tenantId,
    occurredAt: input.occurredAt ?? new Date().toISOString(),
    payload: JSON.parse(JSON.stringify(input.payload ?? null)) as TPayload,
    ...(input.traceparent ? { traceparent: input.traceparent } : {}),
  };
}
