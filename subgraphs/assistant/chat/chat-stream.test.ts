import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, ChatTestDatabase, drainOn, GatedModel, owner } from '../../../test/support/assistant-chat-database.js';
import type { ChatStreamEvent } from './chat-stream-hub.js';

describe('chatStream of a message answered elsewhere', () => {
  const db = new ChatTestDatabase();
  beforeAll(() => db.open());
  afterAll(() => db.close());

  it("serves another process's finished answer as stored", async () => {
    const model = new GatedModel();
    model.release();
    const here = db.chatWith(model);
    const elsewhere = db.chatWith(new GatedModel(), [], undefined, db.replica());
    const sent = await here.sendMessage(caller, (await db.conversations.start(caller, null)).id, 'Hi!');
    await drainOn(here, sent.id);
    const events = [];
    for await (const event of await elsewhere.stream(owner, sent.id)) events.push(event);
    expect(events).toEqual([
      {
        kind: 'completed',
        message: expect.objectContaining({ id: sent.id, status: 'COMPLETED', content: 'Hello there.' }),
        toolCalls: [],
        citations: [],
      },
    ]);
    await expect(elsewhere.stream({ ...owner, userId: 'mallory' }, sent.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await here.close();
    await elsewhere.close();
  });

  it('streams every event of a turn running on another replica that shares the bus, from the first', async () => {
    const model = new GatedModel();
    const here = db.chatWith(model, [], undefined, undefined, { bus: db.bus });
    const elsewhere = db.chatWith(new GatedModel(), [], undefined, db.replica(), { bus: db.bus });
    const sent = await here.sendMessage(caller, (await db.conversations.start(caller, null)).id, 'Hi!');
    const events: ChatStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of await elsewhere.stream(owner, sent.id)) events.push(event);
    })();
    model.release();
    await reading;
    expect(events).toEqual([
      { kind: 'delta', text: 'Hello there.' },
      expect.objectContaining({ kind: 'completed', message: expect.objectContaining({ id: sent.id, status: 'COMPLETED' }) }),
    ]);
    expect((events[1] as { message: { createdAt: unknown } }).message.createdAt).toBeInstanceOf(Date);
    await here.close();
    await elsewhere.close();
  });

  it('fails a turn whose lease lapsed (its replica died) with TURN_INTERRUPTED, once, and the late outcome does not overwrite it', async () => {
    const model = new GatedModel();
    // Never renewed within the test: what a replica that died right after accepting the message leaves behind.
    const here = db.chatWith(model, [], undefined, undefined, { bus: db.bus, turnLease: { ttlMs: 300, renewEveryMs: 600_000 } });
    const elsewhere = db.chatWith(new GatedModel(), [], undefined, db.replica(), { bus: db.bus });
    const conversation = await db.conversations.start(caller, null);
    const sent = await here.sendMessage(caller, conversation.id, 'Hi!');
    const events = [];
    for await (const event of await elsewhere.stream(owner, sent.id)) events.push(event);
    expect(events).toEqual([expect.objectContaining({ kind: 'completed' })]);
    expect(events[0]).toMatchObject({ message: { id: sent.id, status: 'FAILED', errorCode: 'TURN_INTERRUPTED' } });
    model.release();
    await here.close();
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
    await elsewhere.close();
  });

  it('does not leave a conversation busy for ever when the replica running its turn died and nobody followed it', async () => {
    const model = new GatedModel();
    const here = db.chatWith(model, [], undefined, undefined, { bus: db.bus, turnLease: { ttlMs: 300, renewEveryMs: 600_000 } });
    const elsewhere = db.chatWith(new GatedModel(), [], undefined, db.replica(), { bus: db.bus });
    const conversation = await db.conversations.start(caller, null);
    const dead = await here.sendMessage(caller, conversation.id, 'Hi!');
    // While the lease holds, the turn may still be running: the conversation is busy.
    await expect(elsewhere.sendMessage(caller, conversation.id, 'Hello?')).rejects.toMatchObject({
      extensions: { code: 'CONVERSATION_BUSY' },
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await elsewhere.sendMessage(caller, conversation.id, 'Hello? Anyone?');
    expect(next).toMatchObject({ turn: 2 });
    const stored = await db.storedMessages(conversation.id);
    expect(stored.find((message) => message.id === dead.id)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
    model.release();
    await here.close();
    await elsewhere.close();
  });

  it('stops watching the database as soon as the reader leaves', async () => {
    const model = new GatedModel();
    const here = db.chatWith(model);
    const elsewhere = db.chatWith(new GatedModel(), [], undefined, db.replica());
    const sent = await here.sendMessage(caller, (await db.conversations.start(caller, null)).id, 'Hi!');
    const events = (await elsewhere.stream(owner, sent.id))[Symbol.asyncIterator]();
    const waiting = events.next();
    const started = performance.now();
    await expect(events.return!()).resolves.toEqual({ value: undefined, done: true });
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(performance.now() - started).toBeLessThan(400);
    await here.close();
    await elsewhere.close();
  });
});
