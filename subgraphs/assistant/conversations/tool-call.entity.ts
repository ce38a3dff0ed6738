import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One tool call made while producing an assistant message, with what the model sent and what it got back. */
export const ToolCallEntity = defineEntity({
  name: 'ToolCall',
  tableName: 'tool_calls',
  properties: {
    id: p.uuid().primary(),
    messageId: p.uuid(),
    tenantId: p.string(),
    userId: p.string(),
    /** The model's call ID (unique within one turn only). */
    callId: p.string(),
    name: p.string(),
    arguments: p.json<unknown>().nullable(),
    result: p.json<unknown>().nullable(),
    ok: p.boolean(),
    errorCode: p.string().nullable(),
    durationMs: p.integer(),
    round: p.integer(),
    createdAt: p.datetime(),
  },
});

export type ToolCall = InferEntity<typeof ToolCallEntity>;
