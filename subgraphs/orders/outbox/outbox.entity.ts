import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An event written in the same transaction as the change it describes; the relay publishes it later. */
export const OutboxEntity = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    eventId: p.uuid().unique(),
    stream: p.string(),
    type: p.string(),
    tenantId: p.string(),
    aggregateId: p.uuid(),
    aggregateVersion: p.integer(),
    occurredAt: p.datetime(),
    payload: p.json<Record<string, unknown>>(),
    publishedAt: p.datetime().nullable(),
    claimedUntil: p.datetime().nullable(),
    claimToken: p.uuid().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    /** W3C `traceparent` of the operation that wrote the event; null when tracing was off. */
    traceContext: p.text().nullable(),
  },
});

export type OutboxEvent = InferEntity<typeof OutboxEntity>;
