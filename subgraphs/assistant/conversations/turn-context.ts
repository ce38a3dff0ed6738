import type { Conversation } from './conversation.entity.js';
import type { Message } from './message.entity.js';
import type { ToolCall } from './tool-call.entity.js';

/** What a new turn needs of its conversation: the conversation, its messages in turn order, their tool calls in call order. */
export interface TurnContext {
  conversation: Conversation;
  history: Message[];
  toolCalls: ToolCall[];
}
