import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Citation } from './citation.js';

export const MESSAGE_ROLES = ['USER', 'ASSISTANT'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/**
 * PENDING (accepted: what sendMessage returns) -> STREAMING (stored so: the model call is already under way when the row
 * lands) -> COMPLETED | CANCELLED | FAILED. User messages are born COMPLETED.
 */
export const MESSAGE_STATUSES = ['PENDING', 'STREAMING', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const OPEN_MESSAGE_STATUSES: readonly MessageStatus[] = ['PENDING', 'STREAMING'];

/** A user message (already PII-redacted) or an assistant answer with what produced it. */
export const MessageEntity = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: {
    id: p.uuid().primary(),
    conversationId: p.uuid(),
    tenantId: p.string(),
    userId: p.string(),
    turn: p.integer(),
    role: p.enum(MESSAGE_ROLES),
    content: p.text().default(''),
    status: p.enum(MESSAGE_STATUSES),
    finishReason: p.string().nullable(),
    citations: p.json<Citation[]>(),
    inputTokens: p.integer().nullable(),
    outputTokens: p.integer().nullable(),
    model: p.string().nullable(),
    provider: p.string().nullable(),
    promptName: p.string().nullable(),
    promptVersion: p.integer().nullable(),
    errorCode: p.string().nullable(),
    /** Set when the turn's confirm_order call succeeded; the gateway resolves it as Message.order. */
    confirmedOrderId: p.uuid().nullable(),
    createdAt: p.datetime(),
    /** While open: until when the replica answering it vouches for it (renewed as it runs); see TurnLease. */
    leaseUntil: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
  },
});

export type Message = InferEntity<typeof MessageEntity>;
