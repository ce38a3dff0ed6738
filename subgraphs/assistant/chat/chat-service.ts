import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { ChatStreamHub, type ChatStreamEvent } from './chat-stream-hub.js';
import { buildModelMessages, renderSystemPrompt, SYSTEM_PROMPT_NAME, type RenderedPrompt } from './chat-prompt.js';
import { confirmedOrderIdFrom, failedOutcome, finishedOutcome, parseJsonOrText, type TurnOutcome } from './chat-turn-outcome.js';
import type { ChatUsageReporter } from './chat-usage.js';
import { promptKey, type CachedAnswer, type SemanticAnswerCache } from '../caches/semantic-answer-cache.js';
import { runTurn, type Citation } from './run-turn.js';
import { ConversationEntity, type Conversation } from '../conversations/conversation.entity.js';
import { MessageEntity, OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import { ToolCallEntity, type ToolCall } from '../conversations/tool-call.entity.js';
import { redactPii } from '../guardrails/pii.js';
import { assessPromptInjection } from '../guardrails/prompt-injection.js';
import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import type { ChatMessage, LanguageModel } from '../../../platform/model-gateway/language-model.js';
import type { PromptRegistry } from '../prompts/prompt-registry.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { conversationBusy, conversationNotFound, messageNotFound, messageNotPending } from '../conversations/assistant-errors.js';
import type { ConversationService, TurnContext } from '../conversations/conversation-service.js';
import { sameTurnInputs, turnContextSources } from '../conversations/remembered-turn-contexts.js';
import type { Owner } from '../conversations/owner.js';
import type { AssistantToolContext } from '../tools/assistant-tool-context.js';

export const MAX_MESSAGE_LENGTH = 4_000;

/** What a tool needs to act for the user (their own token and request ID go to the supergraph), minus the client. */
export type TurnToolContextInput = Omit<AssistantToolContext, 'supergraph'>;

export interface ModerationVerdict {
  flagged: boolean;
  categories: string[];
}

export interface ChatServiceOptions<C> {
  em: () => EntityManager;
  conversations: ConversationService;
  prompts: PromptRegistry;
  model: LanguageModel;
  tools: ToolRegistry<C>;
  toolContext: (input: TurnToolContextInput) => C;
  usage: ChatUsageReporter;
  logger: Logger;
  maxToolRounds: number;
  /** An open message older than this has no turn left running anywhere (a model call cannot last longer). */
  turnTimeoutMs: number;
  hub?: ChatStreamHub;
  /** Optional content moderation of the user's (redacted) text; a flagged text is refused without calling the model. */
  moderate?: (text: string, signal: AbortSignal) => Promise<ModerationVerdict>;
  /** Reuses answers to near-identical opening questions (no tools, no history) per tenant and prompt variant. */
  answers?: SemanticAnswerCache;
}

/** The caller as sendMessage needs it: the owner, plus the credentials the tools forward. */
export interface ChatCaller extends Owner {
  authorization: string;
  requestId: string;
}

interface RunningTurn {
  controller: AbortController;
  done: Promise<void>;
}

interface RecordedToolCall {
  callId: string;
  name: string;
  argumentsJson: string;
  round: number;
  startedAt: number;
  finished?: { ok: boolean; resultJson: string; errorCode: string | null; durationMs: number };
}

const REFUSAL = 'Sorry, I can’t help with that request. I can answer questions about the menu and help you place an order.';

/**
 * sendMessage stores the user's (redacted) text and a PENDING assistant message, then answers in the background:
 * the events go to the in-process hub (chatStream), the outcome to the database, usage to the observability stream.
 * Transactions are short and never span a model or tool call (PGlite runs one transaction at a time).
 */
export class ChatService<C> {
  readonly hub: ChatStreamHub;
  private readonly running = new Map<string, RunningTurn>();
  private closed = false;

  constructor(private readonly options: ChatServiceOptions<C>) {
    this.hub = options.hub ?? new ChatStreamHub();
  }

  async sendMessage(caller: ChatCaller, conversationId: string, text: string): Promise<Message> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const { conversations } = this.options;
    const read = () => conversations.turnContext(owner, conversationId);
    // The read is one more round trip before the model's first token; a conversation this process just served is
    // answered from memory while the model call starts, and the turn is written only if the read then agrees.
    const remembered = conversations.remembered.get(owner, conversationId);
    if (remembered) return this.send(caller, remembered, text, read);
    const context = await read();
    if (!context) throw conversationNotFound(conversationId);
    turnContextSources.inc({ source: 'database' });
    return this.send(caller, context, text, undefined);
  }

  /**
   * Screens the text, starts the model call and writes the turn. `read` is given when `context` came from memory: the
   * turn is written once the database's read agrees with it, else the call is aborted and made again from the read.
   */
  private async send(caller: ChatCaller, context: TurnContext, text: string, read: ReadTurnContext | undefined): Promise<Message> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const { conversation, history, toolCalls: calls } = context;
    const trimmed = text.trim();
    if (!trimmed) throw appError(ErrorCode.BadUserInput, 'text must not be empty', { argumentName: 'text' });
    if (trimmed.length > MAX_MESSAGE_LENGTH) {
      throw appError(ErrorCode.BadUserInput, `text must be at most ${MAX_MESSAGE_LENGTH} characters`, { argumentName: 'text' });
    }
    // Redacted before anything stores, logs or sends it; the model only ever sees placeholders such as [EMAIL_1].
    const redacted = redactPii(trimmed);
    const rejection = await this.screen(redacted.text, conversation.id);

    if (history.some((message) => OPEN_MESSAGE_STATUSES.includes(message.status))) throw conversationBusy(conversation.id);
    const turn = (history.at(-1)?.turn ?? 0) + 1;
    const prompt = this.prompt(conversation, owner);

    if (rejection) {
      const confirmed = await this.confirm(context, read);
      if (confirmed !== context) return this.send(caller, confirmed, text, undefined);
      const refused = await this.insertTurn(owner, conversation, pendingTurn(owner, conversation, turn, prompt, rejection), redacted.text);
      this.logAccepted(refused, redacted.findings, rejection);
      this.hub.open(refused.id, ownerKey(owner));
      this.hub.push(refused.id, { kind: 'completed', message: refused, toolCalls: [], citations: [] });
      return refused;
    }
    const answers = history.filter((message) => message.role === 'ASSISTANT');
    const messages = buildModelMessages(prompt.system, history, new Map(answers.map((message) => [message.id, calls.filter((call) => call.messageId === message.id)])), redacted.text);
    // Only an opening question stands alone; later ones depend on the conversation so far.
    const cacheable = history.length === 0 ? { scope: { tenantId: owner.tenantId, promptKey: promptKey(prompt.name, `${prompt.version}:${prompt.variantId}`) }, question: redacted.text } : undefined;
    const cached = cacheable ? this.options.answers?.lookup(cacheable.scope, cacheable.question) : undefined;
    // The model is called before the turn is written: the writes then overlap the model's time to first token instead
    // of adding to it. The turn waits for them before writing anything itself, and ends if they fail.
    const assistant = pendingTurn(owner, conversation, turn, prompt, null);
    this.hub.open(assistant.id, ownerKey(owner));
    const stored = (async () => {
      // A timer, not setImmediate: the SDK's request takes a few event-loop turns to reach the socket, and a statement
      // started at once delayed it by ~1 ms at p50 (bench:chat, PostgreSQL). On PGlite the writes share this thread.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const confirmed = await this.confirm(context, read);
      if (confirmed !== context) throw new StaleTurnContext(confirmed);
      // Stored as STREAMING: the model call is already under way when the row lands.
      await this.insertTurn(owner, conversation, { ...assistant, status: 'STREAMING' }, redacted.text);
    })();
    const running = this.startTurn(caller, conversation, assistant, prompt, messages, { cacheable, cached }, stored);
    try {
      await stored;
    } catch (error) {
      running.controller.abort();
      await running.done;
      this.hub.discard(assistant.id);
      // Nobody has the message's ID yet, so the aborted call is invisible; the turn starts again from the read.
      if (error instanceof StaleTurnContext) return this.send(caller, error.context, text, undefined);
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

  private logAccepted(message: Message, findings: readonly { type: string }[], rejection: string | null): void {
    this.options.logger.info(
      { conversationId: message.conversationId, messageId: message.id, turn: message.turn, piiFindings: findings.map((finding) => finding.type), rejected: rejection ?? undefined },
      'chat message accepted',
    );
  }

  /** Aborts a running answer; the message ends CANCELLED with what was streamed so far. */
  async cancelMessage(owner: Owner, messageId: string): Promise<Message> {
    const message = await this.options.conversations.findMessage(owner, messageId);
    if (!message || message.role !== 'ASSISTANT') throw messageNotFound(messageId);
    if (!OPEN_MESSAGE_STATUSES.includes(message.status)) throw messageNotPending(messageId, message.status);
    const running = this.running.get(messageId);
    if (running) {
      running.controller.abort();
      await running.done;
    } else {
      // No turn runs for it here (the process restarted mid-answer): nothing to abort, only the record to close.
      await this.options.em().nativeUpdate(MessageEntity, { id: messageId, ...owner, status: { $in: [...OPEN_MESSAGE_STATUSES] } }, { status: 'CANCELLED', completedAt: new Date() });
    }
    const after = await this.options.conversations.findMessage(owner, messageId);
    if (!after) throw messageNotFound(messageId);
    // The answer finished before the abort landed.
    if (after.status !== 'CANCELLED') throw messageNotPending(messageId, after.status);
    return after;
  }

  /** The message's events from the first; for a message no turn runs for in this process, its stored outcome. */
  async stream(owner: Owner, messageId: string): Promise<AsyncIterable<ChatStreamEvent>> {
    // A message answered here is authorised from memory: no database read on the way to the first token.
    const liveOwner = this.hub.ownerOf(messageId);
    if (liveOwner !== undefined) {
      const live = liveOwner === ownerKey(owner) ? this.hub.subscribe(messageId) : undefined;
      if (!live) throw messageNotFound(messageId);
      return live;
    }
    const message = await this.options.conversations.findMessage(owner, messageId);
    if (!message || message.role !== 'ASSISTANT') throw messageNotFound(messageId);
    const live = this.hub.subscribe(messageId);
    if (live) return live;
    return this.storedOutcome(owner, message);
  }

  /**
   * The outcome of a message no turn runs for in this process: as stored when it is finished; else it is another
   * replica's (or a dead process's) turn, so the database is watched until it finishes, and a turn older than any
   * model call may last is declared lost.
   */
  private storedOutcome(owner: Owner, message: Message): AsyncIterableIterator<ChatStreamEvent> {
    // An explicit iterator, not a generator: a client leaving must stop the polling at once.
    let closed = false;
    const next = async (): Promise<IteratorResult<ChatStreamEvent>> => {
      if (closed) return { value: undefined, done: true };
      let stored = message;
      while (OPEN_MESSAGE_STATUSES.includes(stored.status) && !closed) {
        if (Date.now() - stored.createdAt.getTime() > this.options.turnTimeoutMs) {
          await this.options.em().nativeUpdate(MessageEntity, { id: stored.id, ...owner, status: { $in: [...OPEN_MESSAGE_STATUSES] } }, { status: 'FAILED', errorCode: 'TURN_LOST', completedAt: new Date() });
        } else {
          await sleep(500);
        }
        stored = (await this.options.conversations.findMessage(owner, stored.id)) ?? stored;
      }
      if (closed) return { value: undefined, done: true };
      closed = true;
      const [toolCalls] = await this.options.conversations.toolCallsByMessages(owner, [stored.id]);
      return { value: { kind: 'completed', message: stored, toolCalls: toolCalls ?? [], citations: stored.citations }, done: false };
    };
    const iterator: AsyncIterableIterator<ChatStreamEvent> = {
      next,
      async return() {
        closed = true;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Stops every running turn (each records itself as CANCELLED) before the database closes. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.running.values()];
    for (const turn of running) turn.controller.abort();
    await Promise.all(running.map((turn) => turn.done));
    this.hub.close();
  }

  /** Injection scoring and moderation of the user's text; returns why it is refused, or null. */
  private async screen(text: string, conversationId: string): Promise<string | null> {
    const injection = assessPromptInjection(text, { source: 'user', toolNames: this.options.tools.names });
    if (injection.verdict !== 'allow') {
      this.options.logger.warn({ conversationId, score: injection.score, signals: injection.signals.map((signal) => signal.id), verdict: injection.verdict }, 'prompt injection suspected in user input');
    }
    if (injection.verdict === 'block') return 'PROMPT_INJECTION';
    if (this.options.moderate) {
      // Fails open: an unavailable moderation endpoint must not take the assistant down; the failure is logged.
      const verdict = await this.options.moderate(text, AbortSignal.timeout(5_000)).catch((error: unknown) => {
        this.options.logger.warn({ conversationId, err: error instanceof Error ? error.message : String(error) }, 'moderation unavailable; input not moderated');
        return { flagged: false, categories: [] };
      });
      if (verdict.flagged) {
        this.options.logger.warn({ conversationId, categories: verdict.categories }, 'user input flagged by moderation');
        return 'CONTENT_FLAGGED';
      }
    }
    return null;
  }

  private prompt(conversation: Conversation, owner: Owner): RenderedPrompt {
    const { prompts } = this.options;
    const template = prompts.get(conversation.promptName, conversation.promptVersion) ?? prompts.get(conversation.promptName) ?? prompts.get(SYSTEM_PROMPT_NAME);
    if (!template) throw new Error(`prompt ${conversation.promptName} is not loaded`);
    return renderSystemPrompt(template, `${owner.tenantId}:${owner.userId}`, { tenantId: owner.tenantId, now: new Date() });
  }

  /**
   * The user message and the assistant's placeholder, and the conversation's `updatedAt`, in one statement (atomic
   * on its own): one round trip where a transaction took four, on the way to the model's first token.
   */
  private async insertTurn(owner: Owner, conversation: Conversation, assistant: Message, text: string): Promise<Message> {
    const asked = new Date(assistant.createdAt.getTime() - 1);
    const question: Message = { ...assistant, id: randomUUID(), role: 'USER', content: text, status: 'COMPLETED', promptName: null, promptVersion: null, errorCode: null, createdAt: asked, completedAt: asked };
    const em = this.options.em();
    const insert = em.createQueryBuilder(MessageEntity).insert([question, assistant]);
    const touch = em.createQueryBuilder(ConversationEntity).update({ updatedAt: asked }).where({ id: conversation.id, ...owner });
    try {
      await em.execute(`with inserted as (${insert.getQuery()}) ${touch.getQuery()}`, [...insert.getParams(), ...touch.getParams()], 'run');
      this.options.conversations.remembered.recordTurn(owner, conversation.id, question, assistant);
      return assistant;
    } catch (error) {
      this.options.conversations.remembered.forget(owner, conversation.id);
      // A concurrent sendMessage took this turn first.
      if (error instanceof UniqueConstraintViolationException) throw conversationBusy(conversation.id);
      throw error;
    }
  }

  private startTurn(caller: ChatCaller, conversation: Conversation, assistant: Message, prompt: RenderedPrompt, messages: ChatMessage[], cache: TurnCache, stored: Promise<unknown>): RunningTurn {
    const controller = new AbortController();
    if (this.closed) controller.abort();
    const done = this.runTurnToEnd(caller, conversation, assistant, prompt, messages, controller.signal, cache, stored).finally(() => this.running.delete(assistant.id));
    const running = { controller, done };
    this.running.set(assistant.id, running);
    return running;
  }

  private async runTurnToEnd(caller: ChatCaller, conversation: Conversation, assistant: Message, prompt: RenderedPrompt, messages: ChatMessage[], signal: AbortSignal, cache: TurnCache, stored: Promise<unknown>): Promise<void> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const log = this.options.logger.child({ conversationId: conversation.id, messageId: assistant.id, requestId: caller.requestId });
    const scope = { tenantId: owner.tenantId, conversationId: conversation.id, promptName: prompt.name, promptVersion: prompt.version, records: [] as ModelCallRecord[] };
    const toolCalls = new Map<string, RecordedToolCall>();
    let text = '';
    let citations: Citation[] = [];
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    let confirmedOrderId: string | null = null;
    let outcome: TurnOutcome;
    let source: { provider: string; model: string | null } | undefined;
    // The turn's own write waits for sendMessage's insert, so the two never race; a turn whose message could not be
    // stored writes nothing (sendMessage aborts it and reports the error).
    const written = stored.then(() => true, () => false);
    try {
      const { cached } = cache;
      if (cached) {
        ({ text, citations } = cached);
        usage = { inputTokens: 0, outputTokens: 0 };
        source = { provider: 'semantic-cache', model: null };
        this.hub.push(assistant.id, { kind: 'delta', text });
        log.info({ similarity: cached.similarity }, 'answered from the semantic cache');
      }
      const toolContext = this.options.toolContext({ authorization: caller.authorization, requestId: caller.requestId, ...owner, conversationId: conversation.id, turn: assistant.turn, messages });
      outcome = cached ? { status: 'COMPLETED', finishReason: 'stop', errorCode: null } : await this.options.usage.run(scope, async () => {
        for await (const event of runTurn({ model: this.options.model, messages, tools: this.options.tools, toolContext, signal, maxToolRounds: this.options.maxToolRounds, temperature: prompt.temperature, maxTokens: prompt.maxTokens })) {
          switch (event.type) {
            case 'text-delta':
              text += event.text;
              this.hub.push(assistant.id, { kind: 'delta', text: event.text });
              break;
            case 'tool-call-started':
              // Tools act for the user (confirm_order places an order): never for a turn that was not stored, such as
              // one started from a stale memory of the conversation. The write has landed long before a model answers.
              if (!(await written)) return { status: 'CANCELLED', finishReason: 'other', errorCode: null } satisfies TurnOutcome;
              toolCalls.set(event.callId, { callId: event.callId, name: event.name, argumentsJson: event.argumentsJson, round: event.round, startedAt: Date.now() });
              this.hub.push(assistant.id, { kind: 'tool-started', callId: event.callId, name: event.name, argumentsJson: event.argumentsJson, round: event.round });
              break;
            case 'tool-call-finished': {
              const call = toolCalls.get(event.callId);
              if (call) call.finished = { ok: event.ok, resultJson: event.resultJson, errorCode: event.errorCode, durationMs: event.durationMs };
              confirmedOrderId = confirmedOrderIdFrom(event.name, event.ok, event.resultJson) ?? confirmedOrderId;
              this.hub.push(assistant.id, { kind: 'tool-finished', callId: event.callId, name: event.name, ok: event.ok, errorCode: event.errorCode, durationMs: event.durationMs });
              break;
            }
            case 'finished':
              text = event.text;
              citations = event.citations;
              usage = event.usage;
              if (cache.cacheable && event.finishReason === 'stop') this.options.answers?.store(cache.cacheable.scope, cache.cacheable.question, { text, citations, toolRounds: event.toolRounds });
              return finishedOutcome(event.finishReason);
          }
        }
        return { status: 'FAILED', finishReason: 'other', errorCode: 'INTERNAL_ERROR' } satisfies TurnOutcome;
      });
    } catch (error) {
      outcome = failedOutcome(error, signal.aborted);
      if (outcome.errorCode === 'INTERNAL_ERROR') log.error({ err: error }, 'chat turn failed');
      else log.warn({ errorCode: outcome.errorCode, status: outcome.status, err: error instanceof Error ? error.message : String(error) }, 'chat turn ended early');
    }
    if (!(await written)) return;
    usage ??= sumUsage(scope.records);
    const lastCall = scope.records.at(-1);
    try {
      const { message, stored } = await this.finish(owner, assistant, {
        ...outcome,
        content: text,
        citations,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        model: source ? source.model : (lastCall?.model ?? null),
        provider: source ? source.provider : (lastCall?.provider ?? null),
        confirmedOrderId,
        toolCalls: [...toolCalls.values()],
      });
      this.hub.push(assistant.id, { kind: 'completed', message, toolCalls: stored, citations });
    } catch (error) {
      log.error({ err: error }, 'storing the chat turn failed');
      this.hub.push(assistant.id, { kind: 'completed', message: { ...assistant, status: 'FAILED', errorCode: 'INTERNAL_ERROR', content: text }, toolCalls: [], citations });
    }
  }

  /** Writes the outcome and the tool calls in one short transaction; returns what was stored. */
  private async finish(
    owner: Owner,
    assistant: Message,
    result: TurnOutcome & { content: string; citations: Citation[]; inputTokens: number; outputTokens: number; model: string | null; provider: string | null; confirmedOrderId: string | null; toolCalls: RecordedToolCall[] },
  ): Promise<{ message: Message; stored: ToolCall[] }> {
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
    // Writes only, no reads: the message's other fields are known; one statement needs no transaction.
    const where = { id: assistant.id, ...owner };
    const { remembered } = this.options.conversations;
    try {
      if (toolCalls.length === 0) {
        await this.options.em().nativeUpdate(MessageEntity, where, fields);
      } else {
        await this.options.em().transactional(async (tx) => {
          await tx.nativeUpdate(MessageEntity, where, fields);
          await tx.insertMany(ToolCallEntity, toolCalls);
        });
      }
    } catch (error) {
      remembered.forget(owner, assistant.conversationId);
      throw error;
    }
    const message = { ...assistant, ...fields } as Message;
    remembered.recordFinished(owner, message, toolCalls as ToolCall[]);
    return { message, stored: toolCalls as ToolCall[] };
  }

}

type ReadTurnContext = () => Promise<TurnContext | null>;

/** The remembered conversation was not the stored one; carries what the database read. */
class StaleTurnContext extends Error {
  constructor(readonly context: TurnContext) {
    super('the remembered conversation differs from the stored one');
  }
}

interface TurnCache {
  /** Set for an opening question: where a finished tool-less answer may be stored. */
  cacheable: { scope: { tenantId: string; promptKey: string }; question: string } | undefined;
  /** A stored answer to serve instead of calling the model. */
  cached: CachedAnswer | undefined;
}

const ownerKey = (owner: Owner) => `${owner.tenantId}:${owner.userId}`;

/** The assistant's placeholder for a new turn: PENDING, or already FAILED with the refusal when screening rejected it. */
function pendingTurn(owner: Owner, conversation: Conversation, turn: number, prompt: RenderedPrompt, rejection: string | null): Message {
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
    completedAt: rejection ? now : null,
  };
}

function sumUsage(records: readonly { usage: { inputTokens: number; outputTokens: number } | undefined }[]): { inputTokens: number; outputTokens: number } {
  return records.reduce((sum, record) => ({ inputTokens: sum.inputTokens + (record.usage?.inputTokens ?? 0), outputTokens: sum.outputTokens + (record.usage?.outputTokens ?? 0) }), { inputTokens: 0, outputTokens: 0 });
}

