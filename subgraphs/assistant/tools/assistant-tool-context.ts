import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import type { SupergraphClient } from './supergraph-client.js';

/** What every assistant tool runs with: the caller's identity for the supergraph, and the conversation so far. */
export interface AssistantToolContext {
  supergraph: SupergraphClient;
  /** The user's own `Authorization` header; tools act with the user's rights, never more. */
  authorization: string;
  requestId: string;
  tenantId: string;
  userId: string;
  conversationId: string;
  /** The turn number within the conversation; part of order idempotency keys. */
  turn: number;
  /** The (redacted) conversation including the current user message. */
  messages: ChatMessage[];
}

/** Calls the supergraph as the user of `context`. */
export function supergraphRequest<T>(
  context: AssistantToolContext,
  query: string,
  variables: Record<string, unknown>,
  signal: AbortSignal,
): Promise<T> {
  return context.supergraph.request<T>(query, variables, { authorization: context.authorization, requestId: context.requestId, signal });
}

/** The latest user message of the conversation, or '' when there is none. */
export function latestUserMessage(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i]!;
    if (message.role === 'user') return message.content;
  }
  return '';
}
