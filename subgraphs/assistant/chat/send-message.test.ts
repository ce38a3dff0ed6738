import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScriptedModel, textCall, toolCallsCall } from '../../../test/fakes/scripted-model.js';
import { caller, ChatTestDatabase, contextSources, drainOn, GatedModel } from '../../../test/support/assistant-chat-database.js';
import { defineTool, ToolRegistry } from '../tools/tool-registry.js';

describe('sendMessage on the database', () => {
  const db = new ChatTestDatabase();
  beforeAll(() => db.open());
  afterAll(() => db.close());

  it('calls the model before the turn is written, and finishes the stored message after it', async () => {
    const log: string[] = [];
    const model = new GatedModel(log);
    const chat = db.chatWith(model, log);
    const conversation = await db.conversations.start(caller, null);
    const sent = await chat.sendMessage(caller, conversation.id, 'Hi!');
    // The writes overlap the model's time to first token instead of delaying the request.
    expect(log).toEqual(['model called', 'turn written']);
    expect(sent).toMatchObject({ role: 'ASSISTANT', status: 'PENDING', turn: 1 });
    // The same statement moved the conversation up the most-recently-active list.
    expect((await db.conversations.get({ tenantId: caller.tenantId, userId: caller.userId }, conversation.id)).updatedAt).toEqual(
      new Date(sent.createdAt.getTime() - 1),
    );
    expect((await db.storedMessages(conversation.id)).map((message) => [message.role, message.status])).toEqual([
      ['USER', 'COMPLETED'],
      ['ASSISTANT', 'STREAMING'],
    ]);
    model.release();
    const events = [];
    for await (const event of await chat.stream(caller, sent.id)) events.push(event);
    expect(events.at(-1)).toMatchObject({ kind: 'completed', message: { status: 'COMPLETED', content: 'Hello there.' } });
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({
      status: 'COMPLETED',
      content: 'Hello there.',
      outputTokens: 2,
    });
    await chat.close();
  });

  it('aborts the model call and stores nothing when the turn cannot be written', async () => {
    const model = new GatedModel();
    const chat = db.chatWith(model);
    const conversation = await db.conversations.start(caller, null);
    await expect(chat.sendMessage(caller, conversation.id, 'collide')).rejects.toMatchObject({ extensions: { code: 'CONVERSATION_BUSY' } });
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.aborted).toBe(true);
    expect(await db.storedMessages(conversation.id)).toEqual([]);

    // The conversation is not left busy: the next message is answered.
    model.release();
    const sent = await chat.sendMessage(caller, conversation.id, 'Hi again');
    const events = [];
    for await (const event of await chat.stream(caller, sent.id)) events.push(event);
    expect(events.at(-1)).toMatchObject({ kind: 'completed', message: { status: 'COMPLETED', turn: 1 } });
    await chat.close();
  });

  it('calls the model for a conversation it just served from memory, and writes the turn once the read agrees', async () => {
    // Keys out of jsonb's order, so the check cannot depend on how the database orders them.
    const menu = defineTool({
      name: 'menu_lookup',
      description: 'Menu.',
      parameters: z.object({ query: z.string(), course: z.string() }),
      timeoutMs: 1_000,
      execute: ({ query }) => ({ query, results: [{ name: 'Soup', price: 4 }] }),
    });
    const model = new ScriptedModel([
      toolCallsCall([{ id: 'call_1', name: 'menu_lookup', args: { query: 'soup', course: 'starter' } }]),
      textCall('Soup is 4.'),
      textCall('Done.'),
    ]);
    const chat = db.chatWith(model, [], new ToolRegistry<unknown>([menu]));
    const conversation = await db.conversations.start(caller, null);
    const before = await contextSources();
    await drainOn(chat, (await chat.sendMessage(caller, conversation.id, 'Any soup?')).id);
    await drainOn(chat, (await chat.sendMessage(caller, conversation.id, 'Thanks')).id);
    const after = await contextSources();
    expect((after.memory ?? 0) - (before.memory ?? 0)).toBe(2);
    expect((after.stale ?? 0) - (before.stale ?? 0)).toBe(0);
    expect((after.database ?? 0) - (before.database ?? 0)).toBe(0);
    expect(model.requests.at(-1)!.messages.slice(1)).toEqual([
      { role: 'user', content: 'Any soup?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ type: 'tool-call', id: 't1_call_1', name: 'menu_lookup', argumentsJson: '{"query":"soup","course":"starter"}' }],
      },
      { role: 'tool', toolCallId: 't1_call_1', content: '{"query":"soup","results":[{"name":"Soup","price":4}]}' },
      { role: 'assistant', content: 'Soup is 4.' },
      { role: 'user', content: 'Thanks' },
    ]);
    await chat.close();
  });

  it('redoes the model call from the database when another replica answered a turn in between', async () => {
    const replicaA = db.replica();
    const replicaB = db.replica();
    let ordersPlaced = 0;
    const order = defineTool({
      name: 'place_order',
      description: 'Orders.',
      parameters: z.object({ dish: z.string() }),
      timeoutMs: 1_000,
      execute: ({ dish }) => ({ dish, order: ++ordersPlaced }),
    });
    const placeSoup = () => toolCallsCall([{ id: 'call_1', name: 'place_order', args: { dish: 'soup' } }]);
    // The call made from stale memory asks for the tool at once: it must not act before the turn is stored.
    const modelA = new ScriptedModel([textCall('One.'), placeSoup(), placeSoup(), textCall('Three.')]);
    const modelB = new ScriptedModel([textCall('Two.')]);
    const chatA = db.chatWith(modelA, [], new ToolRegistry<unknown>([order]), replicaA);
    const chatB = db.chatWith(modelB, [], undefined, replicaB);
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
    expect((await db.storedMessages(conversation.id)).map((message) => [message.turn, message.role, message.content])).toEqual([
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
