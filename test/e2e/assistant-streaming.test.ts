import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from '../fakes/model-server/behaviours.js';
import type { FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  CANCEL,
  CHAT_STREAM,
  CONVERSATION,
  call,
  chat,
  errorCodes,
  SEND,
  sendMessage,
  startConversation,
  startWithFakeModels,
  closeWithFakeModels,
  streamAnswer,
} from './assistant-helpers.js';

const LLM_USAGE = /* GraphQL */ `
  query Usage {
    llmUsage(groupBy: PROVIDER) {
      key
      calls
      inputTokens
      outputTokens
      errorRate
    }
  }
`;

describe('assistant answers streamed through the gateway (OpenAI-compatible fake model)', () => {
  let supergraph: TestSupergraph;
  let primary: FakeModelServer;
  let fallback: FakeModelServer;
  let alice: string;

  beforeAll(async () => ({ supergraph, primary, fallback, alice } = await startWithFakeModels()));
  afterAll(() => closeWithFakeModels({ supergraph, primary, fallback }));

  it('streams token deltas in order, ends with the stored message, and replays for a late subscriber', async () => {
    const conversationId = await startConversation(supergraph, alice);
    const text = 'Our margherita is wood-fired and costs 12.50.';
    primary.enqueue(textAnswer(text, { chunks: 6, chunkDelayMs: 60 }));
    const live = await chat(supergraph, alice, conversationId, 'Tell me about the margherita');
    // Deltas that pile up for a lagging subscriber arrive merged, so only "several, in order" is certain.
    const deltas = live.events.filter((event) => event.__typename === 'ChatTokenDelta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(live.text).toBe(text);
    expect(live.completed.message).toMatchObject({ status: 'COMPLETED', content: text, provider: 'primary' });
    expect(live.completed.usage).toEqual({ inputTokens: 11, outputTokens: 7 });
    expect(live.completed.message.order).toBeNull();

    // Subscribing after the answer finished still gets every event from the first token.
    const late = await streamAnswer(supergraph, alice, live.messageId);
    expect(late.text).toBe(text);
    expect(late.completed).toEqual(live.completed);
  });

  it('answers a repeated opening question from the semantic cache, without calling the model', async () => {
    const question = 'Do you have parking spaces near the restaurant?';
    primary.enqueue(textAnswer('Yes, there is free parking behind the building.'));
    const first = await chat(supergraph, alice, await startConversation(supergraph, alice), question);
    expect(first.completed.message.provider).toBe('primary');
    const before = primary.requests.length;
    // Another conversation, nearly the same words: served from the cache.
    const second = await chat(
      supergraph,
      alice,
      await startConversation(supergraph, alice),
      'do you have parking spaces near the restaurant',
    );
    expect(primary.requests.length).toBe(before);
    expect(second.text).toBe('Yes, there is free parking behind the building.');
    expect(second.completed.message).toMatchObject({
      status: 'COMPLETED',
      provider: 'semantic-cache',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    // Another tenant never gets this tenant's answers.
    const outsider = await supergraph.token({ tenant: 'other-shop', sub: 'olga' });
    primary.enqueue(textAnswer('Parking is on the street.'));
    const other = await chat(supergraph, outsider, await startConversation(supergraph, outsider), question);
    expect(other.completed.message.provider).toBe('primary');
  });

  it('reports each model call on the usage stream, which observability accounts per provider', async () => {
    const admin = await supergraph.token({ sub: 'ada', roles: ['admin'] });
    const usage = async () => ((await call(supergraph, LLM_USAGE, {}, admin)).llmUsage as any[]).find((bucket) => bucket.key === 'primary');
    const before = (await usage())?.calls ?? 0;
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(textAnswer('Counted.', { usage: { promptTokens: 50, completionTokens: 5 } }));
    // The request ID of sendMessage travels with the model call (x-request-id), as it does into logs and llm_calls.
    const sent = await supergraph.request(
      SEND,
      { id: conversationId, text: 'hello' },
      { token: alice, headers: { 'x-request-id': 'rid-usage-1' } },
    );
    await streamAnswer(supergraph, alice, sent.body.data.sendMessage.id);
    expect(primary.requests.at(-1)?.requestId).toBe('rid-usage-1');
    await waitFor(async () => ((await usage())?.calls ?? 0) === before + 1, 'the call in llmUsage');
  });

  it('cancels a running answer: partial text kept, status CANCELLED, stream ended; one answer at a time', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(textAnswer('word '.repeat(200), { chunks: 200, chunkDelayMs: 25 }));
    const sent = await sendMessage(supergraph, alice, conversationId, 'Tell me everything');
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      const stream = collect(client, CHAT_STREAM, { id: sent.id });
      await stream.nth(2);
      expect(await errorCodes(supergraph, SEND, { id: conversationId, text: 'and another thing' }, alice)).toEqual(['CONVERSATION_BUSY']);
      // An answer still being written cannot be rated yet.
      const rate = 'mutation ($id: ID!) { rateMessage(messageId: $id, rating: UP) { rating } }';
      expect(await errorCodes(supergraph, rate, { id: sent.id }, alice)).toEqual(['BAD_USER_INPUT']);

      const { cancelMessage } = await call(supergraph, CANCEL, { id: sent.id }, alice);
      expect(cancelMessage.status).toBe('CANCELLED');
      expect(cancelMessage.content.length).toBeGreaterThan(0);
      expect(cancelMessage.content.length).toBeLessThan('word '.repeat(200).length);

      await stream.done();
      const last = (stream.results.at(-1)!.data as any).chatStream;
      expect(last.__typename).toBe('ChatMessageCompleted');
      expect(last.message.status).toBe('CANCELLED');
      expect(await errorCodes(supergraph, CANCEL, { id: sent.id }, alice)).toEqual(['MESSAGE_NOT_PENDING']);
    } finally {
      await client.dispose();
    }
    // The conversation takes the next message once the cancelled one ended.
    primary.enqueue(textAnswer('Back again.'));
    expect((await chat(supergraph, alice, conversationId, 'ok, short version')).text).toBe('Back again.');
  });

  it('takes one of two messages sent at once; the other is CONVERSATION_BUSY and leaves nothing behind', async () => {
    const conversationId = await startConversation(supergraph, alice);
    // The model is called before the turn is written, so the refused message may have reached the model too: its call
    // is aborted and it must leave neither a message nor an answer.
    primary.enqueue(
      textAnswer('First come, first served.', { chunks: 3, chunkDelayMs: 20 }),
      textAnswer('First come, first served.', { chunks: 3, chunkDelayMs: 20 }),
    );
    const sends = await Promise.all(
      ['one pizza please', 'two pizzas please'].map((text) => supergraph.request(SEND, { id: conversationId, text }, { token: alice })),
    );
    const accepted = sends.filter(({ body }) => !body.errors).map(({ body }) => (body.data as any).sendMessage);
    expect(accepted).toHaveLength(1);
    expect(sends.flatMap(({ body }) => (body.errors ?? []).map((error: any) => error.extensions?.code))).toEqual(['CONVERSATION_BUSY']);

    const answer = await streamAnswer(supergraph, alice, accepted[0].id);
    expect(answer.completed.message.status).toBe('COMPLETED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, alice);
    expect(conversation.messages.map((message: any) => [message.role, message.turn, message.status])).toEqual([
      ['USER', 1, 'COMPLETED'],
      ['ASSISTANT', 1, 'COMPLETED'],
    ]);
    expect(conversation.messages[1].content).toBe('First come, first served.');
    primary.clearQueue();
  });
});
