import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One user's chat with the assistant. Owned by (tenant, user): nobody else can read or extend it. */
export const ConversationEntity = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    userId: p.string(),
    title: p.text().nullable(),
    /** The system prompt the conversation started with (the latest version may change later; this is what it got). */
    promptName: p.string(),
    promptVersion: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Conversation = InferEntity<typeof ConversationEntity>;
