import { randomUUID } from 'node:crypto';
import type { Conversation } from '../conversations/conversation.entity.js';
import type { Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import type { RenderedPrompt } from './chat-prompt.js';

const REFUSAL = 'Sorry, I can’t help with that request. I can answer questions about the menu and help you place an order.';

/** The assistant's placeholder for a new turn: PENDING, or already FAILED with the refusal when screening rejected it. */
export function pendingTurn(
  owner: Owner,
  conversation: Conversation,
  turn: number,
  prompt: RenderedPrompt,
  rejection: string | null,
  /** Until when the replica answering it vouches for the turn (null for a refusal: nothing runs). */
  leaseUntil: Date | null,
): Message {
  const now = new Date();
  return {
    id: randomUUID(),
    conversationId: conversation.id,
    ...owner,
    turn,
    role: 'ASSISTANT',
    content: rejection ? REFUSAL : '',
    status: rejection ? 'FAILED' : 'PENDING',
    citations: [],
    finishReason: null,
    inputTokens: null,
    outputTokens: null,
    model: null,
    provider: null,
    confirmedOrderId: null,
    promptName: prompt.name,
    promptVersion: prompt.version,
    errorCode: rejection,
    // The user's message is stamped 1 ms earlier, so the two sort in order.
    createdAt: new Date(now.getTime() + 1),
    leaseUntil: rejection ? null : leaseUntil,
    completedAt: rejection ? now : null,
  };
}
