import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import type { CachedAnswer } from '../caches/semantic-answer-cache.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import type { Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import type { ChatCaller, ChatServiceOptions } from './chat-options.js';
import type { RenderedPrompt } from './chat-prompt.js';
import type { ChatStreamHub } from './chat-stream-hub.js';
import { failedOutcome, finishedOutcome, type TurnOutcome } from './chat-turn-outcome.js';
import type { FinishedTurn, MessageRepository } from './message-repository.js';
import { redactFinishedTurn } from './redact-turn.js';
import { runTurn } from './run-turn.js';
import { redactPii, type PiiRedactorOptions } from '../guardrails/pii.js';
import { TurnTranscript } from './turn-transcript.js';

export interface RunningTurn {
  controller: AbortController;
  done: Promise<void>;
}

export interface TurnCache {
  /** Set for an opening question: where a finished tool-less answer may be stored. */
  cacheable: { scope: { tenantId: string; promptKey: string }; question: string } | undefined;
  /** A stored answer to serve instead of calling the model. */
  cached: CachedAnswer | undefined;
}

/** What a turn answers: the stored conversation's placeholder message, with the prompt and model messages built for it. */
export interface TurnRequest {
  caller: ChatCaller;
  conversation: Conversation;
  assistant: Message;
  prompt: RenderedPrompt;
  messages: ChatMessage[];
  cache: TurnCache;
}

type TurnRunnerOptions<C> = Pick<
  ChatServiceOptions<C>,
  'conversations' | 'model' | 'tools' | 'toolContext' | 'usage' | 'logger' | 'maxToolRounds' | 'answers' | 'piiPhoneRegions'
>;

/**
 * Answers turns in the background: the events go to the in-process hub, the outcome to the database, usage to the
 * observability stream. No transaction spans a model or tool call (PGlite runs one transaction at a time).
 */
export class TurnRunner<C> {
  private readonly running = new Map<string, RunningTurn>();
  private readonly pii: PiiRedactorOptions;
  private closed = false;

  constructor(
    private readonly options: TurnRunnerOptions<C>,
    private readonly messages: MessageRepository,
    private readonly hub: ChatStreamHub,
  ) {
    this.pii = options.piiPhoneRegions ? { phoneRegions: options.piiPhoneRegions } : {};
  }

  /**
   * Starts the turn at once; it writes nothing before `stored` (sendMessage's insert of the turn) resolves, and
   * nothing at all when that fails.
   */
  start(request: TurnRequest, stored: Promise<unknown>): RunningTurn {
    const controller = new AbortController();
    if (this.closed) controller.abort();
    const done = this.runToEnd(request, controller.signal, stored).finally(() => this.running.delete(request.assistant.id));
    const running = { controller, done };
    this.running.set(request.assistant.id, running);
    return running;
  }

  /** The turn running here for the message, if any. */
  get(messageId: string): RunningTurn | undefined {
    return this.running.get(messageId);
  }

  /** Stops every running turn (each records itself as CANCELLED). */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.running.values()];
    for (const turn of running) turn.controller.abort();
    await Promise.all(running.map((turn) => turn.done));
  }

  private async runToEnd(
    { caller, conversation, assistant, prompt, messages, cache }: TurnRequest,
    signal: AbortSignal,
    stored: Promise<unknown>,
  ): Promise<void> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const log = this.options.logger.child({ conversationId: conversation.id, messageId: assistant.id, requestId: caller.requestId });
    const scope = {
      tenantId: owner.tenantId,
      conversationId: conversation.id,
      promptName: prompt.name,
      promptVersion: prompt.version,
      promptVariant: prompt.variantId,
      records: [] as ModelCallRecord[],
    };
    const transcript = new TurnTranscript(this.hub, assistant.id);
    let outcome: TurnOutcome;
    // The turn's own write waits for sendMessage's insert, so the two never race; a turn whose message could not be
    // stored writes nothing (sendMessage aborts it and reports the error).
    const written = stored.then(
      () => true,
      () => false,
    );
    try {
      const { cached } = cache;
      if (cached) {
        transcript.served(cached);
        log.info({ similarity: cached.similarity }, 'answered from the semantic cache');
      }
      const toolContext = this.options.toolContext({
        authorization: caller.authorization,
        requestId: caller.requestId,
        ...owner,
        conversationId: conversation.id,
        turn: assistant.turn,
        messages,
      });
      outcome = cached
        ? { status: 'COMPLETED', finishReason: 'stop', errorCode: null }
        : await this.options.usage.run(scope, async () => {
            const { model, tools, maxToolRounds } = this.options;
            const { temperature, maxTokens } = prompt;
            for await (const event of runTurn({ model, messages, tools, toolContext, signal, maxToolRounds, temperature, maxTokens })) {
              switch (event.type) {
                case 'text-delta':
                  transcript.delta(event);
                  break;
                case 'tool-call-started':
                  // Tools act for the user (confirm_order places an order): never for a turn that was not stored, such as
                  // one started from a stale memory of the conversation. The write has landed long before a model answers.
                  if (!(await written)) return { status: 'CANCELLED', finishReason: 'other', errorCode: null } satisfies TurnOutcome;
                  transcript.toolStarted(event);
                  break;
                case 'tool-call-finished':
                  transcript.toolFinished(event);
                  break;
                case 'finished':
                  transcript.finished(event);
                  if (cache.cacheable && event.finishReason === 'stop') {
                    const { text, citations } = transcript;
                    // Served to other users of the tenant later: stored redacted, like the message itself.
                    this.options.answers?.store(cache.cacheable.scope, cache.cacheable.question, {
                      text: redactPii(text, this.pii).text,
                      citations,
                      toolRounds: event.toolRounds,
                    });
                  }
                  return finishedOutcome(event.finishReason);
              }
            }
            return { status: 'FAILED', finishReason: 'other', errorCode: 'INTERNAL_ERROR' } satisfies TurnOutcome;
          });
    } catch (error) {
      outcome = failedOutcome(error, signal.aborted);
      if (outcome.errorCode === 'INTERNAL_ERROR') log.error({ err: error }, 'chat turn failed');
      else
        log.warn(
          { errorCode: outcome.errorCode, status: outcome.status, err: error instanceof Error ? error.message : String(error) },
          'chat turn ended early',
        );
    }
    if (!(await written)) return;
    const { text, citations } = transcript;
    try {
      const { message, stored } = await this.finish(owner, assistant, transcript.toFinishedTurn(outcome, scope.records));
      this.hub.push(assistant.id, { kind: 'completed', message, toolCalls: stored, citations });
    } catch (error) {
      log.error({ err: error }, 'storing the chat turn failed');
      this.hub.push(assistant.id, {
        kind: 'completed',
        message: { ...assistant, status: 'FAILED', errorCode: 'INTERNAL_ERROR', content: text },
        toolCalls: [],
        citations,
      });
    }
  }

  /** Stores the outcome; this process's memory of the conversation follows what was written (or forgets it). */
  private async finish(owner: Owner, assistant: Message, result: FinishedTurn): ReturnType<MessageRepository['finish']> {
    const { remembered } = this.options.conversations;
    let finished: Awaited<ReturnType<MessageRepository['finish']>>;
    try {
      // The answer, tool arguments and tool results are redacted before they are stored (the stream already went out).
      finished = await this.messages.finish(owner, assistant, redactFinishedTurn(result, this.pii));
    } catch (error) {
      remembered.forget(owner, assistant.conversationId);
      throw error;
    }
    remembered.recordFinished(owner, finished.message, finished.stored);
    return finished;
  }
}
