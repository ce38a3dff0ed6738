import { isDeepStrictEqual } from 'node:util';
import { counter } from '../../../platform/metrics/metrics.js';
import { OPEN_MESSAGE_STATUSES, type Message } from './message.entity.js';
import type { ToolCall } from './tool-call.entity.js';
import type { Owner } from './owner.js';
import type { TurnContext } from './turn-context.js';

export const turnContextSources = counter({
  name: 'ragline_assistant_turn_contexts_total',
  help: 'Where sendMessage took the conversation it called the model with: memory (confirmed by the read that ran alongside), stale (the read differed and the call was redone), or database',
  labelNames: ['source'],
});

/**
 * The conversations this process last read or wrote, per owner, so sendMessage can call the model without waiting for
 * the database: the read still runs alongside, and the turn is written only if it shows the same conversation (see
 * `sameTurnInputs`); otherwise the call is aborted and made again from what was read. Another replica's turn therefore
 * costs a redone call, never a wrong one.
 */
export class RememberedTurnContexts {
  private readonly entries = new Map<string, { context: TurnContext; at: number }>();

  constructor(
    private readonly maxEntries = 5_000,
    /** A conversation idle this long is more likely to have moved on elsewhere; reading it costs one round trip. */
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  /** The remembered context, or undefined when there is none or it has an answer still open. */
  get(owner: Owner, conversationId: string): TurnContext | undefined {
    const key = keyOf(owner, conversationId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (Date.now() - entry.at > this.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    // Whether an open answer is still running is the database's to say (it may have finished on another replica).
    if (entry.context.history.some((message) => OPEN_MESSAGE_STATUSES.includes(message.status))) return undefined;
    return entry.context;
  }

  set(owner: Owner, context: TurnContext): void {
    const key = keyOf(owner, context.conversation.id);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { context, at: Date.now() });
  }

  /** A turn this process stored: the question and the assistant's message join the history as written. */
  recordTurn(owner: Owner, conversationId: string, question: Message, answer: Message): void {
    const entry = this.entries.get(keyOf(owner, conversationId));
    if (!entry) return;
    const { conversation, history, toolCalls } = entry.context;
    this.set(owner, { conversation, history: [...history, question, answer], toolCalls });
  }

  /** The assistant's message as finished, and its tool calls in the order the database returns them. */
  recordFinished(owner: Owner, answer: Message, calls: readonly ToolCall[]): void {
    const entry = this.entries.get(keyOf(owner, answer.conversationId));
    if (!entry) return;
    const { conversation, history, toolCalls } = entry.context;
    if (!history.some((message) => message.id === answer.id)) return this.forget(owner, answer.conversationId);
    this.set(owner, {
      conversation,
      history: history.map((message) => (message.id === answer.id ? answer : message)),
      toolCalls: [...toolCalls, ...[...calls].sort(byStoredOrder)],
    });
  }

  forget(owner: Owner, conversationId: string): void {
    this.entries.delete(keyOf(owner, conversationId));
  }
}

/**
 * Whether two contexts give the model the same turn: the same prompt, messages (status and text) and tool calls with
 * the same arguments and results. Timestamps do not reach the model; JSON key order is not compared (jsonb reorders).
 */
export function sameTurnInputs(remembered: TurnContext, read: TurnContext): boolean {
  return isDeepStrictEqual(turnInputs(remembered), turnInputs(read));
}

function turnInputs({ conversation, history, toolCalls }: TurnContext): unknown {
  return {
    conversation: [conversation.id, conversation.promptName, conversation.promptVersion],
    history: history.map((message) => [message.id, message.role, message.turn, message.status, message.content]),
    // By ID: the read orders a conversation's calls by round across turns; each turn's own order is kept in memory.
    toolCalls: [...toolCalls]
      .sort(byId)
      .map((call) => [call.id, call.messageId, call.round, call.callId, call.name, call.arguments ?? null, call.result ?? null]),
  };
}

/** The read's order within a turn: round, then creation time, then ID. */
function byStoredOrder(a: ToolCall, b: ToolCall): number {
  return a.round - b.round || a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b);
}

const byId = (a: ToolCall, b: ToolCall) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const keyOf = (owner: Owner, conversationId: string) => `${owner.tenantId}\u0000${owner.userId}\u0000${conversationId}`;
