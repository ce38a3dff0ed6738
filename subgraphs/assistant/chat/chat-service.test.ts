import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../../../db/open-subgraph-database-for.js';
import { loadConfig } from '../../../platform/config.js';
import { createEventBus } from '../../../platform/events/create-event-bus.js';
import { createLogger } from '../../../platform/logger.js';
import { ChatUsageReporter } from './chat-usage.js';
import { SYSTEM_PROMPT_NAME } from './chat-prompt.js';
import { MessageEntity } from '../conversations/message.entity.js';
import { assistantSubgraph } from '../index.js';
import type { LanguageModel, ModelRequest, StreamPart } from '../../../platform/model-gateway/language-model.js';
import { ModelError } from '../../../platform/model-gateway/model-error.js';
import { PromptRegistry } from '../prompts/prompt-registry.js';
import { defineTool, ToolRegistry } from '../tools/tool-registry.js';
import { ScriptedModel, textCall, toolCallsCall } from '../../../test/fakes/scripted-model.js';
import { z } from 'zod';
import { ChatService, type ChatCaller } from './chat-service.js';
import { ConversationService } from '../conversations/conversation-service.js';
import { turnContextSources } from '../conversations/remembered-turn-contexts.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const caller: ChatCaller = { tenantId: 'demo', userId: 'alice', authorization: 'Bearer test', requestId: 'req-1' };

/** Answers after `release()`, so a test can look at what happened before the model's first token. */
class GatedModel implements LanguageModel {
  readonly provider = 'gated';
  readonly modelId = 'gated-model';
  readonly calls: { request: ModelRequest; aborted: boolean }[] = [];
  constructor(private readonly log: string[] = []) {}
  private open!: () => void;
  private gate = new Promise<void>((resolve) => (this.open = resolve));

  release(): void {
    this.open();
  }

  async *stream(request: ModelRequest): AsyncGenerator<StreamPart> {
    const call = { request, aborted: false };
    this.calls.push(call);
    this.log.push('model called');
    await Promise.race([this.gate, new Promise((resolve) => request.signal?.addEventListener('abort', resolve, { once: true }))]);
    if (request.signal?.aborted) {
      call.aborted = true;
      throw new ModelError('aborted', { kind: 'aborted', isRetryable: false, provider: this.provider });
    }
    yield { type: 'text-delta', text: 'Hello there.' };
    yield { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } };
  }
}

describe('ChatService on the database', () => {
  let database: SubgraphDatabase;
  let prompts: PromptRegistry;
  let conversations: ConversationService;
  const bus = createEventBus({ logger });

  const chatWith = (model: LanguageModel, log: string[] = [], tools = new ToolRegistry<unknown>([]), replica?: ConversationService) =>
    new ChatService({
      em: () => {
        const em = database.em();
        const execute = em.execute.bind(em);
        return Object.assign(em, {
          execute: ((sql: string, ...rest: never[]) => {
            if (/insert into/i.test(sql)) log.push('turn written');
            return execute(sql, ...rest);
          }) as typeof em.execute,
        });
      },
      conversations: replica ?? conversations,
      prompts,
      model,
      tools,
      toolContext: (input) => input,
      usage: new ChatUsageReporter(bus, {}, logger),
      logger,
      maxToolRounds: 2,
      turnTimeoutMs: 60_000,
    });
  const contextSources = async () => Object.fromEntries((await turnContextSources.get()).values.map((value) => [value.labels.source, value.value]));
  const drainOn = async (chat: ChatService<unknown>, messageId: string) => {
    for await (const event of await chat.stream(caller, messageId)) if (event.kind === 'completed') return event;
  };
  const storedMessages = (conversationId: string) => database.em().find(MessageEntity, { conversationId, tenantId: caller.tenantId, userId: caller.userId }, { orderBy: { turn: 'asc', role: 'desc' } });

  beforeAll(async () => {
    // PostgreSQL when the run names one (CI runs both), else embedded PGlite.
    const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL ?? 'pglite:memory', LOG_LEVEL: 'silent' });
    database = await openSubgraphDatabaseFor(assistantSubgraph, { config, logger, databaseSchema: `s${randomBytes(3).toString('hex')}_assistant` });
    prompts = await PromptRegistry.open({ dir: 'prompts', logger, watch: false });
    conversations = new ConversationService(() => database.em(), () => ({ name: SYSTEM_PROMPT_NAME, version: prompts.get(SYSTEM_PROMPT_NAME)!.version }));
    // Stands in for a concurrent sendMessage that stored the same turn first: the insert fails with a unique violation.
    await database.em().execute(`
      create function "${database.schema}".collide() returns trigger language plpgsql as $$
      begin
        if new.content = 'collide' then raise unique_violation using message = 'turn taken'; end if;
        return new;
      end $$`);
    await database.em().execute(`
      create trigger collide before insert on "${database.schema}".messages for each row execute function "${database.schema}".collide();`);
  });
  afterAll(async () => {
    await prompts?.close();
    await database?.close();
    await bus.close();
    await closeAllEmbeddedPglite();
  });

  it('calls the model before the turn is written, and finishes the stored message after it', async () => {
    const log: string[] = [];
    const model = new GatedModel(log);
    const chat = chatWith(model, log);
    const conversation = await conversations.start(caller, null);
    const sent = await chat.sendMessage(caller, conversation.id, 'Hi!');
    // The writes overlap the model's time to first token instead of delaying the request.
    expect(log).toEqual(['model called', 'turn written']);
    expect(sent).toMatchObject({ role: 'ASSISTANT', status: 'PENDING', turn: 1 });
    // The same statement moved the conversation up the most-recently-active list.
    expect((await conversations.get({ tenantId: caller.tenantId, userId: caller.userId }, conversation.id)).updatedAt).toEqual(new Date(sent.createdAt.getTime() - 1));
    expect((await storedMessages(conversation.id)).map((message) => [message.role, message.status])).toEqual([
      ['USER', 'COMPLETED'],
      ['ASSISTANT', 'STREAMING'],
    ]);
    model.release();
    const events = [];
    for await (const event of await chat.stream(caller, sent.id)) events.push(event);
    expect(events.at(-1)).toMatchObject({ kind: 'completed', message: { status: 'COMPLETED', content: 'Hello there.' } });
    expect((await storedMessages(conversation.id)).at(-1)).toMatchObject({ status: 'COMPLETED', content: 'Hello there.', outputTokens: 2 });
    await chat.close();
  });

  it('aborts the model call and stores nothing when the turn cannot be written', async () => {
    const model = new GatedModel();
    const chat = chatWith(model);
    const conversation = await conversations.start(caller, null);
    await expect(chat.sendMessage(caller, conversation.id, 'collide')).rejects.toMatchObject({ extensions: { code: 'CONVERSATION_BUSY' } });
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.aborted).toBe(true);
    expect(await storedMessages(conversation.id)).toEqual([]);

    // The conversation is not left busy: the next message is answered.
    model.release();
    const sent = await chat.sendMessage(caller, conversation.id, 'Hi again');
    const events = [];
    for await (const event of await chat.stream(caller, sent.id)) events.push(event);
    expect(events.at(-1)).toMatchObject({ kind: 'completed', message: { status: 'COMPLETED', turn: 1 } });
    await chat.close();
  });

  it('replays earlier turns to the model with their stored tool calls and results', async () => {
    const hours = defineTool({ name: 'opening_hours', description: 'Opening hours.', parameters: z.object({ day: z.string() }), timeoutMs: 1_000, execute: ({ day }) => ({ day, opens: '11:00' }) });
    const model = new ScriptedModel([toolCallsCall([{ id: 'call_1', name: 'opening_hours', args: { day: 'monday' } }]), textCall('We open at 11.'), textCall('You are welcome.')]);
    const chat = chatWith(model, [], new ToolRegistry<unknown>([hours]));
    const drain = (messageId: string) => drainOn(chat, messageId);
    const conversation = await conversations.start(caller, null);
    await drain((await chat.sendMessage(caller, conversation.id, 'When do you open on Monday?')).id);
    // One statement reads what the three query-builder reads return, and nothing for another owner.
    const owner = { tenantId: caller.tenantId, userId: caller.userId };
    const context = await conversations.turnContext(owner, conversation.id);
    expect(context).toEqual({
      conversation: await conversations.get(owner, conversation.id),
      history: (await conversations.messagesByConversations(owner, [conversation.id]))[0],
      toolCalls: (await conversations.toolCallsByMessages(owner, context!.history.map((message) => message.id))).flat(),
    });
    expect(context!.history.at(-1)!.createdAt).toBeInstanceOf(Date);
    expect(context!.toolCalls).toHaveLength(1);
    expect(await conversations.turnContext({ ...owner, userId: 'mallory' }, conversation.id)).toBeNull();
    expect(await conversations.turnContext({ ...owner, tenantId: 'other' }, conversation.id)).toBeNull();

    await drain((await chat.sendMessage(caller, conversation.id, 'Thanks!')).id);
    expect(model.requests).toHaveLength(3);
    expect(model.requests[2]!.messages.slice(1)).toEqual([
      { role: 'user', content: 'When do you open on Monday?' },
      { role: 'assistant', content: '', toolCalls: [{ type: 'tool-call', id: 't1_call_1', name: 'opening_hours', argumentsJson: '{"day":"monday"}' }] },
      { role: 'tool', toolCallId: 't1_call_1', content: '{"day":"monday","opens":"11:00"}' },
      { role: 'assistant', content: 'We open at 11.' },
      { role: 'user', content: 'Thanks!' },
    ]);
    await chat.close();
  });

  it('calls the model for a conversation it just served from memory, and writes the turn once the read agrees', async () => {
    // Keys out of jsonb's order, so the check cannot depend on how the database orders them.
    const menu = defineTool({ name: 'menu_lookup', description: 'Menu.', parameters: z.object({ query: z.string(), course: z.string() }), timeoutMs: 1_000, execute: ({ query }) => ({ query, results: [{ name: 'Soup', price: 4 }] }) });
    const model = new ScriptedModel([toolCallsCall([{ id: 'call_1', name: 'menu_lookup', args: { query: 'soup', course: 'starter' } }]), textCall('Soup is 4.'), textCall('Done.')]);
    const chat = chatWith(model, [], new ToolRegistry<unknown>([menu]));
    const conversation = await conversations.start(caller, null);
    const before = await contextSources();
    await drainOn(chat, (await chat.sendMessage(caller, conversation.id, 'Any soup?')).id);
    await drainOn(chat, (await chat.sendMessage(caller, conversation.id, 'Thanks')).id);
    const after = await contextSources();
    expect((after.memory ?? 0) - (before.memory ?? 0)).toBe(2);
    expect((after.stale ?? 0) - (before.stale ?? 0)).toBe(0);
    expect((after.database ?? 0) - (before.database ?? 0)).toBe(0);
    expect(model.requests.at(-1)!.messages.slice(1)).toEqual([
      { role: 'user', content: 'Any soup?' },
      { role: 'assistant', content: '', toolCalls: [{ type: 'tool-call', id: 't1_call_1', name: 'menu_lookup', argumentsJson: '{"query":"soup","course":"starter"}' }] },
      { role: 'tool', toolCallId: 't1_call_1', content: '{"query":"soup","results":[{"name":"Soup","price":4}]}' },
      { role: 'assistant', content: 'Soup is 4.' },
      { role: 'user', content: 'Thanks' },
    ]);
    await chat.close();
  });

  it('redoes the model call from the database when another replica answered a turn in between', async () => {
    const replicaA = new ConversationService(() => database.em(), () => ({ name: SYSTEM_PROMPT_NAME, version: prompts.get(SYSTEM_PROMPT_NAME)!.version }));
    const replicaB = new ConversationService(() => database.em(), () => ({ name: SYSTEM_PROMPT_NAME, version: prompts.get(SYSTEM_PROMPT_NAME)!.version }));
    let ordersPlaced = 0;
    const order = defineTool({ name: 'place_order', description: 'Orders.', parameters: z.object({ dish: z.string() }), timeoutMs: 1_000, execute: ({ dish }) => ({ dish, order: ++ordersPlaced }) });
    const placeSoup = () => toolCallsCall([{ id: 'call_1', name: 'place_order', args: { dish: 'soup' } }]);
    // The call made from stale memory asks for the tool at once: it must not act before the turn is stored.
    const modelA = new ScriptedModel([textCall('One.'), placeSoup(), placeSoup(), textCall('Three.')]);
    const modelB = new ScriptedModel([textCall('Two.')]);
    const chatA = chatWith(modelA, [], new ToolRegistry<unknown>([order]), replicaA);
    const chatB = chatWith(modelB, [], undefined, replicaB);
    const conversation = await replicaA.start(caller, null);
    await drainOn(chatA, (await chatA.sendMessage(caller, conversation.id, 'first')).id);
    await drainOn(chatB, (await chatB.sendMessage(caller, conversation.id, 'second')).id);
    const before = await contextSources();
    const third = await chatA.sendMessage(caller, conversation.id, 'third');
    expect((await drainOn(chatA, third.id))!.message).toMatchObject({ turn: 3, status: 'COMPLETED', content: 'Three.' });
    expect((await contextSources()).stale! - (before.stale ?? 0)).toBe(1);
    // The call made from memory missed turn 2; the one that counts has it.
    expect(modelA.requests[1]!.messages.map((message) => message.content)).not.toContain('second');
    expect(modelA.requests[2]!.messages.slice(1).map((message) => message.content)).toEqual(['first', 'One.', 'second', 'Two.', 'third']);
    expect(ordersPlaced).toBe(1);
    expect((await storedMessages(conversation.id)).map((message) => [message.turn, message.role, message.content])).toEqual([
      [1, 'USER', 'first'],
      [1, 'ASSISTANT', 'One.'],
      [2, 'USER', 'second'],
      [2, 'ASSISTANT', 'Two.'],
      [3, 'USER', 'third'],
      [3, 'ASSISTANT', 'Three.'],
    ]);
    await chatA.close();
    await chatB.close();
  });
});
