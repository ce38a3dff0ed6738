import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, ChatTestDatabase, GatedModel, owner } from '../../../test/support/assistant-chat-database.js';
import type { Message } from '../conversations/message.entity.js';
import { MessageRepository } from './message-repository.js';

describe('MessageRepository', () => {
  const db = new ChatTestDatabase();
  const repository = () => new MessageRepository(() => db.database.em());
  beforeAll(() => db.open());
  afterAll(() => db.close());

  const openTurn = async () => {
    const chat = db.chatWith(new GatedModel());
    const conversation = await db.conversations.start(caller, null);
    return { chat, conversation, sent: await chat.sendMessage(caller, conversation.id, 'Hi!') };
  };

  it('closes an open message only for its owner', async () => {
    const { chat, conversation, sent } = await openTurn();
    await repository().cancelOpen({ ...owner, userId: 'mallory' }, sent.id);
    await repository().interruptExpired({ ...owner, tenantId: 'other' }, sent.id, new Date(Date.now() + 60_000));
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({ status: 'STREAMING' });
    await repository().cancelOpen(owner, sent.id);
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({ status: 'CANCELLED' });
    // A closed message stays as it is.
    await repository().interruptExpired(owner, sent.id, new Date(Date.now() + 60_000));
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({ status: 'CANCELLED', errorCode: null });
    await chat.close();
  });

  it('stores a finished turn with its tool calls, a call cut off by the end as CANCELLED', async () => {
    const { chat, conversation, sent } = await openTurn();
    // Stored in call order (round, then start time), so the second call starts a millisecond later.
    const startedAt = Date.now();
    const { message, stored } = await repository().finish(owner, sent, {
      status: 'COMPLETED',
      finishReason: 'stop',
      errorCode: null,
      content: 'Done.',
      citations: [],
      inputTokens: 5,
      outputTokens: 1,
      model: 'm',
      provider: 'p',
      confirmedOrderId: null,
      toolCalls: [
        {
          callId: 'c1',
          name: 'menu',
          argumentsJson: '{"q":"soup"}',
          round: 1,
          startedAt,
          finished: { ok: true, resultJson: '{"n":1}', errorCode: null, durationMs: 3 },
        },
        { callId: 'c2', name: 'menu', argumentsJson: 'not json', round: 1, startedAt: startedAt + 1 },
      ],
    });
    expect(message).toMatchObject({ id: sent.id, status: 'COMPLETED', content: 'Done.', inputTokens: 5 });
    expect((await db.storedMessages(conversation.id)).at(-1)).toMatchObject({
      status: 'COMPLETED',
      content: 'Done.',
      model: 'm',
      provider: 'p',
    });
    const [calls] = await db.conversations.toolCallsByMessages(owner, [sent.id]);
    expect(calls!.map((call) => [call.callId, call.ok, call.errorCode, call.arguments, call.result])).toEqual([
      ['c1', true, null, { q: 'soup' }, { n: 1 }],
      ['c2', false, 'CANCELLED', { unparsed: 'not json' }, null],
    ]);
    expect(stored.map((call) => call.id).sort()).toEqual(calls!.map((call) => call.id).sort());
    await chat.close();
  });

  it('fails a turn insert that a concurrent one beat with a unique violation, and stores nothing', async () => {
    const conversation = await db.conversations.start(caller, null);
    const at = new Date();
    const message = (role: 'USER' | 'ASSISTANT', content: string): Message =>
      ({
        id: randomUUID(),
        conversationId: conversation.id,
        ...owner,
        turn: 1,
        role,
        content,
        status: 'COMPLETED',
        citations: [],
        finishReason: null,
        inputTokens: null,
        outputTokens: null,
        model: null,
        provider: null,
        confirmedOrderId: null,
        promptName: null,
        promptVersion: null,
        errorCode: null,
        createdAt: at,
        leaseUntil: null,
        completedAt: at,
      }) as Message;
    await expect(
      repository().insertTurn(owner, conversation.id, [message('USER', 'collide'), message('ASSISTANT', '')], at),
    ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    expect(await db.storedMessages(conversation.id)).toEqual([]);
    await repository().insertTurn(owner, conversation.id, [message('USER', 'hello'), message('ASSISTANT', '')], at);
    expect((await db.storedMessages(conversation.id)).map((stored) => stored.role)).toEqual(['USER', 'ASSISTANT']);
    expect((await db.conversations.get(owner, conversation.id)).updatedAt).toEqual(at);
  });
});
