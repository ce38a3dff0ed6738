import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScriptedModel, textCall, toolCallsCall } from '../../../test/fakes/scripted-model.js';
import { caller, ChatTestDatabase, drainOn, owner } from '../../../test/support/assistant-chat-database.js';
import { defineTool, ToolRegistry } from '../tools/tool-registry.js';

describe('a turn running on the database', () => {
  const db = new ChatTestDatabase();
  beforeAll(() => db.open());
  afterAll(() => db.close());

  it('replays earlier turns to the model with their stored tool calls and results', async () => {
    const hours = defineTool({
      name: 'opening_hours',
      description: 'Opening hours.',
      parameters: z.object({ day: z.string() }),
      timeoutMs: 1_000,
      execute: ({ day }) => ({ day, opens: '11:00' }),
    });
    const model = new ScriptedModel([
      toolCallsCall([{ id: 'call_1', name: 'opening_hours', args: { day: 'monday' } }]),
      textCall('We open at 11.'),
      textCall('You are welcome.'),
    ]);
    const chat = db.chatWith(model, [], new ToolRegistry<unknown>([hours]));
    const drain = (messageId: string) => drainOn(chat, messageId);
    const conversation = await db.conversations.start(caller, null);
    await drain((await chat.sendMessage(caller, conversation.id, 'When do you open on Monday?')).id);
    // One statement reads what the three query-builder reads return, and nothing for another owner.
    const context = await db.conversations.turnContext(owner, conversation.id);
    expect(context).toEqual({
      conversation: await db.conversations.get(owner, conversation.id),
      history: (await db.conversations.messagesByConversations(owner, [conversation.id]))[0],
      toolCalls: (
        await db.conversations.toolCallsByMessages(
          owner,
          context!.history.map((message) => message.id),
        )
      ).flat(),
    });
    expect(context!.history.at(-1)!.createdAt).toBeInstanceOf(Date);
    expect(context!.toolCalls).toHaveLength(1);
    expect(await db.conversations.turnContext({ ...owner, userId: 'mallory' }, conversation.id)).toBeNull();
    expect(await db.conversations.turnContext({ ...owner, tenantId: 'other' }, conversation.id)).toBeNull();

    await drain((await chat.sendMessage(caller, conversation.id, 'Thanks!')).id);
    expect(model.requests).toHaveLength(3);
    expect(model.requests[2]!.messages.slice(1)).toEqual([
      { role: 'user', content: 'When do you open on Monday?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ type: 'tool-call', id: 't1_call_1', name: 'opening_hours', argumentsJson: '{"day":"monday"}' }],
      },
      { role: 'tool', toolCallId: 't1_call_1', content: '{"day":"monday","opens":"11:00"}' },
      { role: 'assistant', content: 'We open at 11.' },
      { role: 'user', content: 'Thanks!' },
    ]);
    await chat.close();
  });
});
