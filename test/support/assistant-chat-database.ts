import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { SubgraphDatabase } from '../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { loadConfig } from '../../platform/config.js';
import { createEventBus } from '../../platform/events/create-event-bus.js';
import { createLogger } from '../../platform/logger.js';
import type { LanguageModel, ModelRequest, StreamPart } from '../../platform/model-gateway/language-model.js';
import { ModelError } from '../../platform/model-gateway/model-error.js';
import type { ChatCaller, ChatServiceOptions } from '../../subgraphs/assistant/chat/chat-options.js';
import { SYSTEM_PROMPT_NAME } from '../../subgraphs/assistant/chat/chat-prompt.js';
import { ChatService } from '../../subgraphs/assistant/chat/chat-service.js';
import { ChatUsageReporter } from '../../subgraphs/assistant/chat/chat-usage.js';
import { MessageRepository } from '../../subgraphs/assistant/chat/message-repository.js';
import { ConversationRepository } from '../../subgraphs/assistant/conversations/conversation-repository.js';
import { ConversationService } from '../../subgraphs/assistant/conversations/conversation-service.js';
import { MessageEntity } from '../../subgraphs/assistant/conversations/message.entity.js';
import { turnContextSources } from '../../subgraphs/assistant/conversations/remembered-turn-contexts.js';
import { assistantSubgraph } from '../../subgraphs/assistant/index.js';
import { PromptRegistry } from '../../subgraphs/assistant/prompts/prompt-registry.js';
import { ToolRegistry } from '../../subgraphs/assistant/tools/tool-registry.js';

export const logger = createLogger({ level: 'silent', service: 'test' });
export const caller: ChatCaller = { tenantId: 'demo', userId: 'alice', authorization: 'Bearer test', requestId: 'req-1' };
export const owner = { tenantId: caller.tenantId, userId: caller.userId };

/** Answers after `release()`, so a test can look at what happened before the model's first token. */
export class GatedModel implements LanguageModel {
  readonly provider = 'gated';
  readonly modelId = 'gated-model';
  readonly calls: { request: ModelRequest; aborted: boolean }[] = [];
  constructor(
    private readonly log: string[] = [],
    /** Text streamed before the gate: a turn that has shown its user something when it stalls. */
    private readonly before: string[] = [],
  ) {}
  private open!: () => void;
  private gate = new Promise<void>((resolve) => (this.open = resolve));

  release(): void {
    this.open();
  }

  async *stream(request: ModelRequest): AsyncGenerator<StreamPart> {
    const call = { request, aborted: false };
    this.calls.push(call);
    this.log.push('model called');
    for (const text of this.before) yield { type: 'text-delta', text };
    await Promise.race([this.gate, new Promise((resolve) => request.signal?.addEventListener('abort', resolve, { once: true }))]);
    if (request.signal?.aborted) {
      call.aborted = true;
      throw new ModelError('aborted', { kind: 'aborted', isRetryable: false, provider: this.provider });
    }
    yield { type: 'text-delta', text: 'Hello there.' };
    yield { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };
  }
}

/**
 * The assistant's tables in a schema of their own (PostgreSQL when the run names one, else embedded PGlite), with a
 * trigger that fails the insert of a message whose text is `collide` with a unique violation: it stands in for a
 * concurrent sendMessage that stored the same turn first.
 */
export class ChatTestDatabase {
  readonly bus = createEventBus({ logger });
  database!: SubgraphDatabase;
  prompts!: PromptRegistry;
  conversations!: ConversationService;

  async open(): Promise<void> {
    const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL ?? 'pglite:memory', LOG_LEVEL: 'silent' });
    this.database = await openSubgraphDatabaseFor(assistantSubgraph, {
      config,
      logger,
      databaseSchema: `s${randomBytes(3).toString('hex')}_assistant`,
    });
    this.prompts = await PromptRegistry.open({ dir: 'prompts', logger, watch: false });
    this.conversations = this.replica();
    const { schema } = this.database;
    await this.database.em().execute(`
      create function "${schema}".collide() returns trigger language plpgsql as $$
      begin
        if new.content = 'collide' then raise unique_violation using message = 'turn taken'; end if;
        return new;
      end $$`);
    await this.database.em().execute(`
      create trigger collide before insert on "${schema}".messages for each row execute function "${schema}".collide();`);
  }

  async close(): Promise<void> {
    await this.prompts?.close();
    await this.database?.close();
    await this.bus.close();
    await closeAllEmbeddedPglite();
  }

  /** Another process's view of the same database: its own memory of the conversations. */
  replica(): ConversationService {
    return new ConversationService(new ConversationRepository(() => this.database.em()), () => ({
      name: SYSTEM_PROMPT_NAME,
      version: this.prompts.get(SYSTEM_PROMPT_NAME)!.version,
    }));
  }

  /** A chat service on the database; `log` gets 'turn written' when a statement inserts. */
  chatWith(
    model: LanguageModel,
    log: string[] = [],
    tools = new ToolRegistry<unknown>([]),
    replica?: ConversationService,
    overrides: Partial<ChatServiceOptions<unknown>> = {},
  ): ChatService<unknown> {
    return new ChatService({
      messages: new MessageRepository(() => {
        const em = this.database.em();
        const execute = em.execute.bind(em);
        return Object.assign(em, {
          execute: ((sql: string, ...rest: never[]) => {
            if (/insert into/i.test(sql)) log.push('turn written');
            return execute(sql, ...rest);
          }) as typeof em.execute,
        });
      }),
      conversations: replica ?? this.conversations,
      prompts: this.prompts,
      model,
      tools,
      toolContext: (input) => input,
      usage: new ChatUsageReporter(this.bus, {}, logger),
      logger,
      maxToolRounds: 2,
      turnTimeoutMs: 60_000,
      ...overrides,
    });
  }

  storedMessages(conversationId: string) {
    return this.database
      .em()
      .find(
        MessageEntity,
        { conversationId, tenantId: caller.tenantId, userId: caller.userId },
        { orderBy: { turn: 'asc', role: 'desc' } },
      );
  }
}

export const contextSources = async () =>
  Object.fromEntries((await turnContextSources.get()).values.map((value) => [value.labels.source, value.value]));

/** Reads the message's stream to its end; returns the completed event. */
export async function drainOn(chat: ChatService<unknown>, messageId: string) {
  for await (const event of await chat.stream(caller, messageId)) if (event.kind === 'completed') return event;
}
