import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { ConversationEntity } from '../conversations/conversation.entity.js';
import { MessageEntity, OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { ToolCallEntity, type ToolCall } from '../conversations/tool-call.entity.js';
import { parseJsonOrText, type TurnOutcome } from './chat-turn-outcome.js';
import type { Citation } from '../conversations/citation.js';

/** A tool call as the turn saw it; `finished` is missing when the turn ended before the tool did. */
export interface RecordedToolCall {
  callId: string;
  name: string;
  argumentsJson: string;
  round: number;
  startedAt: number;
  finished?: { ok: boolean; resultJson: string; errorCode: string | null; durationMs: number };
}

/** How a turn ended and what it produced, as the assistant message stores it. */
export type FinishedTurn = TurnOutcome & {
  content: string;
  citations: Citation[];
  inputTokens: number;
  outputTokens: number;
  model: string | null;
  provider: string | null;
  confirmedOrderId: string | null;
  toolCalls: RecordedToolCall[];
};

/** An open message whose turn's replica died, and whose it is. */
export interface ExpiredTurn {
  messageId: string;
  owner: Owner;
}

/** Open, and its lease lapsed before `now` (or, never leased, created before `unleasedBefore`). */
const expiredOpen = (now: Date, unleasedBefore: Date) => ({
  status: { $in: [...OPEN_MESSAGE_STATUSES] },
  $or: [{ leaseUntil: { $lt: now } }, { leaseUntil: null, createdAt: { $lt: unleasedBefore } }],
});

/**
 * The writes of a chat turn's messages and tool calls; every statement is scoped by tenant AND user, except the
 * turn sweeper's read (`listExpiredOpen`), which says why.
 */
export class MessageRepository {
  constructor(private readonly em: () => EntityManager) {}

  /**
   * The user message and the assistant's placeholder, and the conversation's `updatedAt`, in one statement (atomic
   * on its own): one round trip where a transaction took four, on the way to the model's first token. A concurrent
   * turn's row fails it with a unique violation.
   */
  async insertTurn(owner: Owner, conversationId: string, messages: [question: Message, answer: Message], updatedAt: Date): Promise<void> {
    const em = this.em();
    const insert = em.createQueryBuilder(MessageEntity).insert(messages);
    const touch = em
      .createQueryBuilder(ConversationEntity)
      .update({ updatedAt })
      .where({ id: conversationId, ...owner });
    await em.execute(`with inserted as (${insert.getQuery()}) ${touch.getQuery()}`, [...insert.getParams(), ...touch.getParams()], 'run');
  }

  /** Writes the outcome and the tool calls (in one short transaction when there are any); returns what was stored. */
  async finish(owner: Owner, assistant: Message, result: FinishedTurn): Promise<{ message: Message; stored: ToolCall[] }> {
    const fields = {
      status: result.status,
      finishReason: result.finishReason,
      errorCode: result.errorCode,
      content: result.content,
      citations: result.citations,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      model: result.model,
      provider: result.provider,
      confirmedOrderId: result.confirmedOrderId,
      leaseUntil: null,
      completedAt: new Date(),
    };
    const toolCalls = result.toolCalls.map((call) => ({
      id: randomUUID(),
      messageId: assistant.id,
      ...owner,
      callId: call.callId,
      name: call.name,
      arguments: parseJsonOrText(call.argumentsJson),
      result: call.finished ? parseJsonOrText(call.finished.resultJson) : null,
      ok: call.finished?.ok ?? false,
      errorCode: call.finished ? call.finished.errorCode : 'CANCELLED',
      durationMs: call.finished?.durationMs ?? Math.max(0, Date.now() - call.startedAt),
      round: call.round,
      createdAt: new Date(call.startedAt),
    }));
    // Only an open message is written: a replica that declared this turn interrupted (its lease lapsed) has the last word.
    const where = { id: assistant.id, ...owner, status: { $in: [...OPEN_MESSAGE_STATUSES] } };
    const written =
      toolCalls.length === 0
        ? await this.em().nativeUpdate(MessageEntity, where, fields)
        : await this.em().transactional(async (tx) => {
            const updated = await tx.nativeUpdate(MessageEntity, where, fields);
            if (updated > 0) await tx.insertMany(ToolCallEntity, toolCalls);
            return updated;
          });
    if (written === 0) {
      const stored = await this.em().findOne(MessageEntity, { id: assistant.id, ...owner });
      if (stored) return { message: stored, stored: [] };
    }
    return { message: { ...assistant, ...fields } as Message, stored: toolCalls as ToolCall[] };
  }

  /** Closes a message no turn runs for here (the process restarted mid-answer) as CANCELLED, if it is still open. */
  async cancelOpen(owner: Owner, messageId: string): Promise<void> {
    await this.closeOpen(owner, messageId, { status: 'CANCELLED', completedAt: new Date() });
  }

  /** Extends the lease of a turn that is still open; false when it is closed (finished, or interrupted by a replica). */
  async renewLease(owner: Owner, messageId: string, until: Date): Promise<boolean> {
    return (await this.closeOpen(owner, messageId, { leaseUntil: until })) > 0;
  }

  /**
   * Fails an open message whose lease ran out (the replica answering it died) with TURN_INTERRUPTED; a message never
   * leased counts from `unleasedBefore` instead. One conditional statement: of all replicas watching, one wins; true
   * for that one.
   */
  async interruptExpired(owner: Owner, messageId: string, unleasedBefore: Date, streamedText = ''): Promise<boolean> {
    const now = new Date();
    const where = { id: messageId, ...owner, ...expiredOpen(now, unleasedBefore) };
    const fields = { status: 'FAILED' as const, errorCode: 'TURN_INTERRUPTED', leaseUntil: null, completedAt: now, content: streamedText };
    return (await this.em().nativeUpdate(MessageEntity, where, fields)) > 0;
  }

  /**
   * Up to `limit` open assistant messages whose lease lapsed (or, never leased, older than `unleasedBefore`), oldest
   * first: the ID and its owner, nothing else. The one read here that is not scoped to an owner, on purpose: the turn
   * sweeper is a system job that fails dead turns of every tenant, since nobody may ever ask about them. It only reads;
   * each message is then failed through the owner-scoped `interruptExpired`, so every write stays scoped.
   */
  async listExpiredOpen(limit: number, unleasedBefore: Date): Promise<ExpiredTurn[]> {
    const rows = await this.em().find(
      MessageEntity,
      { role: 'ASSISTANT', ...expiredOpen(new Date(), unleasedBefore) },
      { fields: ['id', 'tenantId', 'userId'], orderBy: { createdAt: 'asc', id: 'asc' }, limit },
    );
    return rows.map((row) => ({ messageId: row.id, owner: { tenantId: row.tenantId, userId: row.userId } }));
  }

  private async closeOpen(owner: Owner, messageId: string, fields: Partial<Message>): Promise<number> {
    return this.em().nativeUpdate(MessageEntity, { id: messageId, ...owner, status: { $in: [...OPEN_MESSAGE_STATUSES] } }, fields);
  }
}
