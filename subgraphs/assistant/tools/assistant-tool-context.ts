import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import type { TypedDocumentString } from './generated/graphql.js';
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
  /**
   * Asks the user to approve a side-effecting call (stored PENDING and streamed as ChatToolApprovalRequested). Absent
   * where no approval can be asked for: such a tool then refuses.
   */
  requestApproval?: (proposal: ApprovalProposal) => Promise<ApprovalTicket>;
  /** Set only when running a call its user approved: the approval and the total they saw. */
  approval?: { id: string; totalCents: number };
}

/** Exactly what an approved call will do, as the user is shown it. */
export interface ApprovalProposal {
  tool: string;
  /** The validated arguments the tool will run with, unchanged. */
  arguments: Record<string, unknown>;
  summary: string;
  lines: { productId: string; name: string; quantity: number; unitPriceCents: number; lineTotalCents: number; notes: string | null }[];
  totalCents: number;
  currency: string;
  promoCode: string | null;
}

export interface ApprovalTicket {
  approvalId: string;
  expiresAt: Date;
}

/**
 * Calls the supergraph as the user of `context` with one of the documents generated from operations/*.graphql
 * (`npm run codegen`), so the variables and the result are typed from the schema.
 */
export function supergraphRequest<TResult, TVariables extends Record<string, unknown>>(
  context: AssistantToolContext,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal: AbortSignal,
): Promise<TResult> {
  return context.supergraph.request<TResult>(document.toString(), variables, {
    authorization: context.authorization,
    requestId: context.requestId,
    signal,
  });
}

/** The latest user message of the conversation, or '' when there is none. */
export function latestUserMessage(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i]!;
    if (message.role === 'user') return message.content;
  }
  return '';
}
