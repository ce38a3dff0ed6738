import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropMidStream, httpError, textAnswer, toolCall } from '../fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  CANCEL,
  CHAT_STREAM,
  CONVERSATION,
  call,
  chat,
  errorCodes,
  orderEventsLive,
  SEND,
  sendMessage,
  startConversation,
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

  beforeAll(async () => {
    primary = await startFakeModelServer();
    fallback = await startFakeModelServer();
    supergraph = await startTestSupergraph({
      OPENAI_BASE_URL: primary.baseURL,
      OPENAI_FALLBACK_BASE_URL: fallback.baseURL,
      OPENAI_FALLBACK_MODEL: 'fallback-model',
      MODEL_MAX_RETRIES: '0',
      CHAT_MAX_TOOL_ROUNDS: '2',
    });
    alice = await supergraph.token({ sub: 'alice' });
  });
  afterAll(async () => {
    await supergraph?.close();
    await primary?.close();
    await fallback?.close();
  });

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
    await chat(supergraph, alice, conversationId, 'hello');
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

  it('falls back to the next provider when the primary fails before any output', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(httpError(503));
    fallback.enqueue(textAnswer('Answered by the fallback.'));
    const answer = await chat(supergraph, alice, conversationId, 'Are you open tonight?');
    expect(answer.text).toBe('Answered by the fallback.');
    expect(answer.completed.message).toMatchObject({ status: 'COMPLETED', provider: 'fallback', model: 'fallback-model' });
  });

  it('keeps the partial answer of a stream that breaks mid-way and marks it FAILED / MODEL_INTERRUPTED', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(dropMidStream('The first half arrives, the second never does.', { chunks: 4, afterChunks: 2 }));
    const answer = await chat(supergraph, alice, conversationId, 'Explain the menu');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.completed.message).toMatchObject({
      status: 'FAILED',
      errorCode: 'MODEL_INTERRUPTED',
      finishReason: 'interrupted',
      content: answer.text,
    });
    // No fallback after output reached the user (it would repeat text).
    expect(fallback.requests.filter((request) => JSON.stringify(request.messages).includes('Explain the menu'))).toHaveLength(0);
  });

  it('fails the message with MODEL_UNAVAILABLE when every provider fails', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(httpError(500));
    fallback.enqueue(httpError(500));
    const answer = await chat(supergraph, alice, conversationId, 'hello?');
    expect(answer.completed.message).toMatchObject({ status: 'FAILED', errorCode: 'MODEL_UNAVAILABLE', content: '' });
  });

  it('stops a model that keeps calling tools after CHAT_MAX_TOOL_ROUNDS, storing each call', async () => {
    const conversationId = await startConversation(supergraph, alice);
    const before = primary.requests.length;
    primary.enqueue(
      toolCall('retrieve_menu', { text: 'pizza' }, { id: 'call_a' }),
      toolCall('retrieve_menu', { text: 'pasta' }, { id: 'call_b' }),
      // The round after the limit is offered no tools; a model that still calls one is cut off.
      toolCall('retrieve_menu', { text: 'salad' }, { id: 'call_c' }),
    );
    const answer = await chat(supergraph, alice, conversationId, 'What pizzas and pastas do you have?');
    expect(primary.requests.length - before).toBe(3);
    expect(primary.requests.at(-1)!.tools).toBeUndefined();
    expect(answer.events.filter((event) => event.__typename === 'ChatToolCallStarted').map((event) => event.round)).toEqual([1, 2]);
    const { message } = answer.completed;
    expect(message.finishReason).toBe('tool-round-limit');
    expect(message.toolCalls.map((toolCall: any) => [toolCall.name, toolCall.ok, toolCall.round])).toEqual([
      ['retrieve_menu', true, 1],
      ['retrieve_menu', true, 2],
    ]);
    // The tool reached the catalog through the gateway as Alice.
    expect(JSON.parse(message.toolCalls[0].resultJson).items.map((item: any) => item.name)).toContain('Margherita Pizza');
  });

  it('places an order with confirm_order after the user confirmed; Message.order resolves once, from the orders subgraph', async () => {
    const menu = await supergraph.request(
      '{ products(first: 1, filter: { category: "pizza" }) { edges { node { id } } } }',
      {},
      { token: alice },
    );
    const productId = menu.body.data.products.edges[0].node.id;
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      const orderEvents = collect(client, 'subscription { orderEvents { type order { id status } } }');
      await orderEventsLive(supergraph);
      const conversationId = await startConversation(supergraph, alice);
      primary.enqueue(
        toolCall('confirm_order', { items: [{ productId, quantity: 2 }] }, { id: 'call_order' }),
        textAnswer('Your order is placed, thank you for ordering with us today.'),
      );
      const ordersEntityFetches = () =>
        readMetric(
          supergraph.gateway.url.replace(/graphql$/, 'metrics'),
          'ragline_gateway_subgraph_fetches_total{subgraph="orders",kind="entities"}',
        );
      const fetchesBefore = (await ordersEntityFetches()) ?? 0;
      const answer = await chat(supergraph, alice, conversationId, 'Yes, please place the order.');
      const { message } = answer.completed;
      // Every event went through the gateway's plan, but only the final one carried an Order to resolve.
      expect(answer.events.length).toBeGreaterThan(3);
      expect(((await ordersEntityFetches()) ?? 0) - fetchesBefore).toBe(1);
      expect(message.toolCalls).toMatchObject([{ name: 'confirm_order', ok: true }]);
      expect(message.order).toMatchObject({ id: expect.any(String), status: 'PENDING', totalCents: expect.any(Number) });
      // The order exists for Alice, and live subscribers saw it being created.
      const event = await orderEvents.nth(1, 10_000);
      expect((event.data as any).orderEvents).toEqual({ type: 'ORDER_CREATED', order: { id: message.order.id, status: 'PENDING' } });
      const { order } = await call(supergraph, '{ order(id: "' + message.order.id + '") { id customerId lines { quantity } } }', {}, alice);
      expect(order).toMatchObject({ customerId: 'alice', lines: [{ quantity: 2 }] });
      // The stored conversation points at the same order.
      const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, alice);
      expect(conversation.messages[1].toolCalls[0].ok).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('refuses confirm_order when the user did not confirm, even if the model (e.g. obeying a document) calls it', async () => {
    const menu = await supergraph.request('{ products(first: 1) { edges { node { id } } } }', {}, { token: alice });
    const productId = menu.body.data.products.edges[0].node.id;
    const bob = await supergraph.token({ sub: 'bob-injection' });
    const conversationId = await startConversation(supergraph, bob);
    primary.enqueue(
      toolCall('confirm_order', { items: [{ productId, quantity: 1 }] }, { id: 'call_injected' }),
      textAnswer('Our cancellation policy is simple.'),
    );
    const answer = await chat(supergraph, bob, conversationId, 'What is your cancellation policy?');
    const { message } = answer.completed;
    expect(message.toolCalls).toMatchObject([{ name: 'confirm_order', ok: false, errorCode: 'TOOL_FAILED' }]);
    expect(message.order).toBeNull();
    const { orders } = await call(supergraph, '{ orders(first: 10) { edges { node { id } } } }', {}, bob);
    expect(orders.edges).toEqual([]);
  });
});
