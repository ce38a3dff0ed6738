import { randomUUID } from 'node:crypto';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/is-uuid.js';
import type { Conversation } from './conversation.entity.js';
import type { Message } from './message.entity.js';
import type { ToolCall } from './tool-call.entity.js';
import { clampPageSize, decodeCursor, encodeCursor } from '../../../platform/pagination-cursor.js';
import { conversationNotFound } from './assistant-errors.js';
import type { ConversationRepository } from './conversation-repository.js';
import { RememberedTurnContexts } from './remembered-turn-contexts.js';
import type { Owner } from './owner.js';
import type { TurnContext } from './turn-context.js';

export interface ConversationPage {
  edges: { cursor: string; node: Conversation }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const MAX_TITLE_LENGTH = 200;

/**
 * Conversations and their stored messages, for their owner only (the repository scopes every statement by tenant AND
 * user). IDs that are not UUIDs are missing without a round trip.
 */
export class ConversationService {
  /** What this process last read or wrote of each conversation, so a turn can call the model before its read lands. */
  readonly remembered = new RememberedTurnContexts();

  constructor(
    private readonly repository: ConversationRepository,
    private readonly defaultPrompt: () => { name: string; version: number },
  ) {}

  async start(owner: Owner, title: string | null | undefined): Promise<Conversation> {
    const trimmed = title?.trim() || null;
    if (trimmed && trimmed.length > MAX_TITLE_LENGTH) {
      throw appError(ErrorCode.BadUserInput, `title must be at most ${MAX_TITLE_LENGTH} characters`, { argumentName: 'title' });
    }
    const now = new Date();
    const prompt = this.defaultPrompt();
    const conversation = await this.repository.insert({
      id: randomUUID(),
      ...owner,
      title: trimmed,
      promptName: prompt.name,
      promptVersion: prompt.version,
      createdAt: now,
      updatedAt: now,
    });
    // A plain copy: the managed entity would keep its request's entity manager alive as long as it is remembered.
    const stored = {
      id: conversation.id,
      ...owner,
      title: conversation.title,
      promptName: conversation.promptName,
      promptVersion: conversation.promptVersion,
      createdAt: now,
      updatedAt: now,
    };
    this.remembered.set(owner, { conversation: stored as Conversation, history: [], toolCalls: [] });
    return conversation;
  }

  async find(owner: Owner, id: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    return this.repository.find(owner, id);
  }

  async get(owner: Owner, id: string): Promise<Conversation> {
    const conversation = await this.find(owner, id);
    if (!conversation) throw conversationNotFound(id);
    return conversation;
  }

  /** Most recently active first, keyset-paginated on (updatedAt, id). */
  async list(owner: Owner, { first, after }: { first?: number | null; after?: string | null }): Promise<ConversationPage> {
    const limit = clampPageSize(first);
    const rows = await this.repository.list(owner, after ? parseCursor(after) : undefined, limit + 1);
    const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor([node.updatedAt.toISOString(), node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async findMessage(owner: Owner, id: string): Promise<Message | null> {
    if (!isUuid(id)) return null;
    return this.repository.findMessage(owner, id);
  }

  /** Messages of several conversations in turn order (user before assistant), for a DataLoader. */
  async messagesByConversations(owner: Owner, conversationIds: readonly string[]): Promise<Message[][]> {
    const valid = conversationIds.filter(isUuid);
    const rows = valid.length ? await this.repository.messagesOf(owner, valid) : [];
    return conversationIds.map((id) => rows.filter((row) => row.conversationId === id));
  }

  /**
   * What a new turn needs, in one statement: the conversation, its messages in turn order and their tool calls in call
   * order. Null when the owner has no such conversation. sendMessage reads this on the way to the model, where each
   * round trip (and each database backend woken for it) adds to the time to first token.
   */
  async turnContext(owner: Owner, conversationId: string): Promise<TurnContext | null> {
    if (!isUuid(conversationId)) return null;
    const context = await this.repository.turnContext(owner, conversationId);
    if (!context) {
      this.remembered.forget(owner, conversationId);
      return null;
    }
    this.remembered.set(owner, context);
    return context;
  }

  async toolCallsByMessages(owner: Owner, messageIds: readonly string[]): Promise<ToolCall[][]> {
    const valid = messageIds.filter(isUuid);
    const rows = valid.length ? await this.repository.toolCallsOf(owner, valid) : [];
    return messageIds.map((id) => rows.filter((row) => row.messageId === id));
  }
}

function parseCursor(cursor: string): { updatedAt: Date; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  const updatedAt = new Date(typeof at === 'string' ? at : Number.NaN);
  if (Number.isNaN(updatedAt.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw appError(ErrorCode.BadUserInput, 'Invalid cursor: pass an endCursor returned by a previous page', { argumentName: 'after' });
  }
  return { updatedAt, id };
}
