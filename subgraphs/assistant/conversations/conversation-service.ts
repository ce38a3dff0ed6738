import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { quoteIdentifier } from '../../../db/migration.js';
import { isUuid } from '../../../platform/is-uuid.js';
import { entityFromJsonRow } from './json-row-mapper.js';
import { ConversationEntity, type Conversation } from './conversation.entity.js';
import { MessageEntity, type Message } from './message.entity.js';
import { ToolCallEntity, type ToolCall } from './tool-call.entity.js';
import { clampPageSize, decodeCursor, encodeCursor } from '../../../platform/pagination-cursor.js';
import { conversationNotFound } from './assistant-errors.js';
import { RememberedTurnContexts } from './remembered-turn-contexts.js';
import type { Owner } from './owner.js';

export interface TurnContext {
  conversation: Conversation;
  history: Message[];
  toolCalls: ToolCall[];
}

export interface ConversationPage {
  edges: { cursor: string; node: Conversation }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const MAX_TITLE_LENGTH = 200;

/**
 * Conversations and their stored messages. Every query filters by tenant AND user, so isolation holds in the data
 * layer whatever a resolver forgets; another owner's rows are indistinguishable from missing ones.
 */
export class ConversationService {
  /** What this process last read or wrote of each conversation, so a turn can call the model before its read lands. */
  readonly remembered = new RememberedTurnContexts();

  constructor(
    private readonly em: () => EntityManager,
    private readonly defaultPrompt: () => { name: string; version: number },
  ) {}

  async start(owner: Owner, title: string | null | undefined): Promise<Conversation> {
    const trimmed = title?.trim() || null;
    if (trimmed && trimmed.length > MAX_TITLE_LENGTH) {
      throw appError(ErrorCode.BadUserInput, `title must be at most ${MAX_TITLE_LENGTH} characters`, { argumentName: 'title' });
    }
    const now = new Date();
    const prompt = this.defaultPrompt();
    const em = this.em();
    const conversation = em.create(ConversationEntity, {
      id: randomUUID(),
      ...owner,
      title: trimmed,
      promptName: prompt.name,
      promptVersion: prompt.version,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    // A plain copy: the managed entity would keep its request's entity manager alive as long as it is remembered.
    const stored = { id: conversation.id, ...owner, title: conversation.title, promptName: conversation.promptName, promptVersion: conversation.promptVersion, createdAt: now, updatedAt: now };
    this.remembered.set(owner, { conversation: stored as Conversation, history: [], toolCalls: [] });
    return conversation;
  }

  // Reads return plain rows from the query builder: sendMessage makes them on the way to the model, and skipping
  // entity hydration makes them 2-4x cheaper than em.find (measured on PGlite and PostgreSQL). Nothing here is
  // modified through the unit of work, so managed entities would buy nothing.
  async find(owner: Owner, id: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    return ((await this.em().createQueryBuilder(ConversationEntity).where({ id, ...owner }).execute('get', true)) as Conversation | undefined) ?? null;
  }

  async get(owner: Owner, id: string): Promise<Conversation> {
    const conversation = await this.find(owner, id);
    if (!conversation) throw conversationNotFound(id);
    return conversation;
  }

  /** Most recently active first, keyset-paginated on (updatedAt, id). */
  async list(owner: Owner, { first, after }: { first?: number | null; after?: string | null }): Promise<ConversationPage> {
    const limit = clampPageSize(first);
    const where: Record<string, unknown> = { ...owner };
    if (after) {
      const { updatedAt, id } = parseCursor(after);
      where.$or = [{ updatedAt: { $lt: updatedAt } }, { updatedAt, id: { $lt: id } }];
    }
    const rows = await this.em().find(ConversationEntity, where as never, { orderBy: { updatedAt: 'desc', id: 'desc' }, limit: limit + 1 });
    const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor([node.updatedAt.toISOString(), node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async findMessage(owner: Owner, id: string): Promise<Message | null> {
    if (!isUuid(id)) return null;
    return ((await this.em().createQueryBuilder(MessageEntity).where({ id, ...owner }).execute('get', true)) as Message | undefined) ?? null;
  }

  /** Messages of several conversations in turn order (user before assistant), for a DataLoader. */
  async messagesByConversations(owner: Owner, conversationIds: readonly string[]): Promise<Message[][]> {
    const valid = conversationIds.filter(isUuid);
    const rows = valid.length
      ? ((await this.em().createQueryBuilder(MessageEntity).where({ ...owner, conversationId: { $in: valid } }).orderBy({ turn: 'asc', role: 'desc' }).execute('all', true)) as Message[])
      : [];
    return conversationIds.map((id) => rows.filter((row) => row.conversationId === id));
  }

  /**
   * What a new turn needs, in one statement: the conversation, its messages in turn order and their tool calls in call
   * order. Null when the owner has no such conversation. sendMessage reads this on the way to the model, where each
   * round trip (and each database backend woken for it) adds to the time to first token.
   */
  async turnContext(owner: Owner, conversationId: string): Promise<TurnContext | null> {
    if (!isUuid(conversationId)) return null;
    const em = this.em();
    const meta = (entity: { meta: { className: string } }) => em.getMetadata().getByClassName(entity.meta.className);
    const table = (entity: { meta: { className: string } }) => `${quoteIdentifier(em.config.get('schema')!)}.${quoteIdentifier(meta(entity).tableName)}`;
    const [row] = await em.execute<{ conversation: Record<string, unknown> | null; messages: Record<string, unknown>[]; tool_calls: Record<string, unknown>[] }[]>(
      `select
         (select row_to_json(c) from ${table(ConversationEntity)} c where c.id = ? and c.tenant_id = ? and c.user_id = ?) as conversation,
         (select coalesce(json_agg(m order by m.turn, m.role desc), '[]') from ${table(MessageEntity)} m
           where m.conversation_id = ? and m.tenant_id = ? and m.user_id = ?) as messages,
         (select coalesce(json_agg(t order by t.round, t.created_at, t.id), '[]') from ${table(ToolCallEntity)} t
           join ${table(MessageEntity)} m on m.id = t.message_id and m.tenant_id = t.tenant_id and m.user_id = t.user_id
           where m.conversation_id = ? and t.tenant_id = ? and t.user_id = ?) as tool_calls`,
      [conversationId, owner.tenantId, owner.userId, conversationId, owner.tenantId, owner.userId, conversationId, owner.tenantId, owner.userId],
    );
    if (!row?.conversation) {
      this.remembered.forget(owner, conversationId);
      return null;
    }
    const context = {
      conversation: entityFromJsonRow<Conversation>(meta(ConversationEntity), row.conversation),
      history: row.messages.map((message) => entityFromJsonRow<Message>(meta(MessageEntity), message)),
      toolCalls: row.tool_calls.map((call) => entityFromJsonRow<ToolCall>(meta(ToolCallEntity), call)),
    };
    this.remembered.set(owner, context);
    return context;
  }

  async toolCallsByMessages(owner: Owner, messageIds: readonly string[]): Promise<ToolCall[][]> {
    const valid = messageIds.filter(isUuid);
    const rows = valid.length
      ? ((await this.em().createQueryBuilder(ToolCallEntity).where({ ...owner, messageId: { $in: valid } }).orderBy({ round: 'asc', createdAt: 'asc', id: 'asc' }).execute('all', true)) as ToolCall[])
      : [];
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
