import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { promptKey } from '../caches/semantic-answer-cache.js';
import { conversationBusy, conversationNotFound } from '../conversations/assistant-errors.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { sameTurnInputs, turnContextSources } from '../conversations/remembered-turn-contexts.js';
import type { TurnContext } from '../conversations/turn-context.js';
import { redactPii } from '../guardrails/pii.js';
import type { ChatCaller, ChatServiceOptions } from './chat-options.js';
import { buildModelMessages, renderSystemPrompt, SYSTEM_PROMPT_NAME, type RenderedPrompt } from './chat-prompt.js';
import { hubOwnerKey, type ChatStreamHub } from './chat-stream-hub.js';
import type { MessageRepository } from './message-repository.js';
import { pendingTurn } from './pending-turn.js';
import { tenantPiiOptions } from './redact-turn.js';
import { screenUserText } from './screen-user-text.js';
import { DEFAULT_TURN_LEASE, leaseUntil } from './turn-lease.js';
import type { TurnRunner } from './turn-runner.js';

export const MAX_MESSAGE_LENGTH = 4_000;

type SendMessageOptions<C> = Pick<
  ChatServiceOptions<C>,
  'conversations' | 'prompts' | 'tools' | 'logger' | 'moderate' | 'answers' | 'piiPhoneRegions' | 'quota' | 'turnLease'
>;

/**
 * sendMessage: screens the user's text, stores it with a PENDING assistant message and starts the answer in the
 * background. The model call starts before the turn is written, from this process's memory of the conversation when
 * it has one (see docs/architecture.md, "An assistant chat turn").
 */
export class SendMessage<C> {
  constructor(
    private readonly options: SendMessageOptions<C>,
    private readonly messages: MessageRepository,
    private readonly turns: TurnRunner<C>,
    private readonly hub: ChatStreamHub,
    /** Fails an open message whose lease lapsed and tells its subscribers (TurnRelay.interruptLapsed); true when it did. */
    private readonly interrupt: (owner: Owner, messageId: string) => Promise<boolean>,
  ) {}

  async send(caller: ChatCaller, conversationId: string, text: string): Promise<Message> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const { conversations } = this.options;
    // Before anything is stored or a model called: a tenant past its quota gets QUOTA_EXCEEDED.
    await this.options.quota?.check(caller.tenantId);
    const read = () => conversations.turnContext(owner, conversationId);
    // The read is one more round trip before the model's first token; a conversation this process just served is
    // answered from memory while the model call starts, and the turn is written only if the read then agrees.
    const remembered = conversations.remembered.get(owner, conversationId);
    if (remembered) return this.sendIn(caller, remembered, text, read);
    const context = await read();
    if (!context) throw conversationNotFound(conversationId);
    turnContextSources.inc({ source: 'database' });
    return this.sendIn(caller, context, text, undefined);
  }

  /**
   * Screens the text, starts the model call and writes the turn. `read` is given when `context` came from memory: the
   * turn is written once the database's read agrees with it, else the call is aborted and made again from the read.
   */
  private async sendIn(caller: ChatCaller, context: TurnContext, text: string, read: ReadTurnContext | undefined): Promise<Message> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const { conversation, history, toolCalls: calls } = context;
    const trimmed = text.trim();
    if (!trimmed) throw appError(ErrorCode.BadUserInput, 'text must not be empty', { argumentName: 'text' });
    if (trimmed.length > MAX_MESSAGE_LENGTH) {
      throw appError(ErrorCode.BadUserInput, `text must be at most ${MAX_MESSAGE_LENGTH} characters`, { argumentName: 'text' });
    }
    // Redacted before anything stores, logs or sends it; the model only ever sees placeholders such as [EMAIL_1].
    const pii = await tenantPiiOptions(this.options.piiPhoneRegions, owner.tenantId);
    const redacted = redactPii(trimmed, pii);
    const rejection = await screenUserText(redacted.text, conversation.id, {
      toolNames: this.options.tools.names,
      logger: this.options.logger,
      moderate: this.options.moderate,
    });

    const open = history.filter((message) => OPEN_MESSAGE_STATUSES.includes(message.status));
    if (open.length > 0) {
      if (!(await this.interruptLapsed(owner, open))) throw conversationBusy(conversation.id);
      // The turn's replica died: its message is now FAILED, and this one goes ahead on what the database holds.
      this.options.conversations.remembered.forget(owner, conversation.id);
      const stored = await this.options.conversations.turnContext(owner, conversation.id);
      if (!stored) throw conversationNotFound(conversation.id);
      return this.sendIn(caller, stored, text, undefined);
    }
    const turn = (history.at(-1)?.turn ?? 0) + 1;
    const prompt = this.prompt(conversation, owner);

    if (rejection) {
      const confirmed = await this.confirm(context, read);
      if (confirmed !== context) return this.sendIn(caller, confirmed, text, undefined);
      const refused = await this.storeTurn(
        owner,
        conversation,
        pendingTurn(owner, conversation, turn, prompt, rejection, null),
        redacted.text,
      );
      this.logAccepted(refused, redacted.findings, rejection);
      this.hub.open(refused.id, hubOwnerKey(owner));
      this.hub.push(refused.id, { kind: 'completed', message: refused, toolCalls: [], citations: [] });
      return refused;
    }
    const answers = history.filter((message) => message.role === 'ASSISTANT');
    const messages = buildModelMessages(
      prompt.system,
      history,
      new Map(answers.map((message) => [message.id, calls.filter((call) => call.messageId === message.id)])),
      redacted.text,
    );
    // Only an opening question stands alone; later ones depend on the conversation so far.
    const cacheable =
      history.length === 0
        ? {
            scope: { tenantId: owner.tenantId, promptKey: promptKey(prompt.name, `${prompt.version}:${prompt.variantId}`) },
            question: redacted.text,
          }
        : undefined;
    const cached = cacheable && this.options.answers ? await this.options.answers.lookup(cacheable.scope, cacheable.question) : undefined;
    // The model is called before the turn is written: the writes then overlap the model's time to first token instead
    // of adding to it. The turn waits for them before writing anything itself, and ends if they fail.
    const assistant = pendingTurn(owner, conversation, turn, prompt, null, leaseUntil(this.options.turnLease ?? DEFAULT_TURN_LEASE));
    this.hub.open(assistant.id, hubOwnerKey(owner));
    const stored = (async () => {
      // A timer, not setImmediate: the SDK's request takes a few event-loop turns to reach the socket, and a statement
      // started at once delayed it by ~1 ms at p50 (bench:chat, PostgreSQL). On PGlite the writes share this thread.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const confirmed = await this.confirm(context, read);
      if (confirmed !== context) throw new StaleTurnContext(confirmed);
      // Stored as STREAMING: the model call is already under way when the row lands.
      await this.storeTurn(owner, conversation, { ...assistant, status: 'STREAMING' }, redacted.text);
    })();
    const running = this.turns.start({ caller, conversation, assistant, prompt, messages, cache: { cacheable, cached }, pii }, stored);
    try {
      await stored;
    } catch (error) {
      running.controller.abort();
      await running.done;
      this.hub.discard(assistant.id);
      // Nobody has the message's ID yet, so the aborted call is invisible; the turn starts again from the read.
      if (error instanceof StaleTurnContext) return this.sendIn(caller, error.context, text, undefined);
      throw error;
    }
    this.logAccepted(assistant, redacted.findings, null);
    return assistant;
  }

  /**
   * The context to write the turn against: `context` itself when it was read from the database or the read agrees
   * with it, else what was read. Throws NOT_FOUND when the read finds no such conversation.
   */
  private async confirm(context: TurnContext, read: ReadTurnContext | undefined): Promise<TurnContext> {
    if (!read) return context;
    const stored = await read();
    if (!stored) throw conversationNotFound(context.conversation.id);
    const agrees = sameTurnInputs(context, stored);
    turnContextSources.inc({ source: agrees ? 'memory' : 'stale' });
    return agrees ? context : stored;
  }

  /** Stores the user's message and the assistant's; this process's memory of the conversation follows (or forgets it). */
  private async storeTurn(owner: Owner, conversation: Conversation, assistant: Message, text: string): Promise<Message> {
    const asked = new Date(assistant.createdAt.getTime() - 1);
    const question: Message = {
      ...assistant,
      id: randomUUID(),
      role: 'USER',
      content: text,
      status: 'COMPLETED',
      promptName: null,
      promptVersion: null,
      errorCode: null,
      leaseUntil: null,
      createdAt: asked,
      completedAt: asked,
    };
    const { remembered } = this.options.conversations;
    try {
      await this.messages.insertTurn(owner, conversation.id, [question, assistant], asked);
      remembered.recordTurn(owner, conversation.id, question, assistant);
      return assistant;
    } catch (error) {
      remembered.forget(owner, conversation.id);
      // A concurrent sendMessage took this turn first.
      if (error instanceof UniqueConstraintViolationException) throw conversationBusy(conversation.id);
      throw error;
    }
  }

  /**
   * Fails the open messages whose lease lapsed (the replica running them died) with TURN_INTERRUPTED, as a subscriber
   * on any replica would; without it a dead turn nobody followed would keep its conversation busy for ever. True when
   * one was failed here; false when every open message is still leased (its turn may be running: the conversation is
   * busy) or was closed meanwhile.
   */
  private async interruptLapsed(owner: Owner, open: readonly Message[]): Promise<boolean> {
    let interrupted = false;
    for (const message of open) if (await this.interrupt(owner, message.id)) interrupted = true;
    return interrupted;
  }

  private logAccepted(message: Message, findings: readonly { type: string }[], rejection: string | null): void {
    this.options.logger.info(
      {
        conversationId: message.conversationId,
        messageId: message.id,
        turn: message.turn,
        piiFindings: findings.map((finding) => finding.type),
        rejected: rejection ?? undefined,
      },
      'chat message accepted',
    );
  }

  private prompt(conversation: Conversation, owner: Owner): RenderedPrompt {
    const { prompts } = this.options;
    const template =
      prompts.get(conversation.promptName, conversation.promptVersion) ??
      prompts.get(conversation.promptName) ??
      prompts.get(SYSTEM_PROMPT_NAME);
    if (!template) throw new Error(`prompt ${conversation.promptName} is not loaded`);
    return renderSystemPrompt(template, `${owner.tenantId}:${owner.userId}`, { tenantId: owner.tenantId, now: new Date() });
  }
}

type ReadTurnContext = () => Promise<TurnContext | null>;

/** The remembered conversation was not the stored one; carries what the database read. */
class StaleTurnContext extends Error {
  constructor(readonly context: TurnContext) {
    super('the remembered conversation differs from the stored one');
  }
}
