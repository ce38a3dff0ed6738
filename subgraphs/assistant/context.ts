import DataLoader from 'dataloader';
import { requirePrincipal } from '../../platform/auth/require-principal.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { Message } from './conversations/message.entity.js';
import type { ToolCall } from './conversations/tool-call.entity.js';
import type { PromptRegistry } from './prompts/prompt-registry.js';
import type { ToolApprovalService } from './approvals/tool-approval-service.js';
import type { ChatService } from './chat/chat-service.js';
import type { ConversationService } from './conversations/conversation-service.js';
import { ownerOf } from './conversations/owner.js';

export interface AssistantServices {
  prompts: PromptRegistry;
  conversations: ConversationService;
  chat: ChatService<unknown>;
  approvals: ToolApprovalService;
}

export interface AssistantContext extends RequestContext, AssistantServices {
  /** Per-request batching: a page of conversations costs one messages query and one tool-calls query. */
  messagesByConversation: DataLoader<string, Message[]>;
  toolCallsByMessage: DataLoader<string, ToolCall[]>;
}

export function createAssistantContext(caller: RequestContext, services: AssistantServices): AssistantContext {
  return {
    ...caller,
    ...services,
    messagesByConversation: new DataLoader((ids) => services.conversations.messagesByConversations(ownerOf(requirePrincipal(caller)), ids)),
    toolCallsByMessage: new DataLoader((ids) => services.conversations.toolCallsByMessages(ownerOf(requirePrincipal(caller)), ids)),
  };
}
