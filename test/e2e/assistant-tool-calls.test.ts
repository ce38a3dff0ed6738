import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer, toolCall } from '../fakes/model-server/behaviours.js';
import type { FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  APPROVE,
  MY_ORDERS,
  approvalsIn,
  call,
  chat,
  orderEventsLive,
  startConversation,
  startWithFakeModels,
  closeWithFakeModels,
} from './assistant-helpers.js';

describe('assistant tool calls through the gateway (OpenAI-compatible fake model)', () => {
  let supergraph: TestSupergraph;
  let primary: FakeModelServer;
  let fallback: FakeModelServer;
  let alice: string;

  beforeAll(async () => ({ supergraph, primary, fallback, alice } = await startWithFakeModels()));
  const orderIds = async (token: string): Promise<string[]> =>
    (await call(supergraph, MY_ORDERS, {}, token)).orders.edges.map((edge: any) => edge.node.id);
  afterAll(() => closeWithFakeModels({ supergraph, primary, fallback }));

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

  it('an LLM calling confirm_order only asks for approval; approveToolCall places the order and Message.order then resolves', async () => {
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
        textAnswer('Please approve the order request to place it.'),
      );
      const answer = await chat(supergraph, alice, conversationId, 'Yes, please place the order.');
      const { message } = answer.completed;
      expect(message.toolCalls).toMatchObject([{ name: 'confirm_order', ok: true }]);
      expect(message.order).toBeNull();
      const [approval] = approvalsIn(answer);
      expect(approval).toMatchObject({ status: 'PENDING', tool: 'confirm_order', lines: [{ productId, quantity: 2 }] });
      // The model was told nothing was ordered yet.
      const toolMessage = primary.requests.at(-1)!.messages.find((entry: any) => entry.role === 'tool') as { content: string };
      expect(JSON.parse(toolMessage.content)).toMatchObject({ approvalId: approval.id, status: 'APPROVAL_REQUESTED' });
      expect(await orderIds(alice)).toEqual([]);

      const { approveToolCall } = await call(supergraph, APPROVE, { id: approval.id }, alice);
      expect(approveToolCall.order).toMatchObject({ id: expect.any(String), status: 'PENDING', totalCents: approval.totalCents });
      // The order exists for Alice, and live subscribers saw it being created.
      const event = await orderEvents.nth(1, 10_000);
      expect((event.data as any).orderEvents).toEqual({
        type: 'ORDER_CREATED',
        order: { id: approveToolCall.order.id, status: 'PENDING' },
      });
      const { order } = await call(
        supergraph,
        '{ order(id: "' + approveToolCall.order.id + '") { id customerId lines { quantity } } }',
        {},
        alice,
      );
      expect(order).toMatchObject({ customerId: 'alice', lines: [{ quantity: 2 }] });
      // The stored conversation points at the same order, resolved by the orders subgraph.
      const { conversation } = await call(
        supergraph,
        `query { conversation(id: "${conversationId}") { messages { order { id status } } } }`,
        {},
        alice,
      );
      expect(conversation.messages[1].order).toEqual({ id: approveToolCall.order.id, status: 'PENDING' });
    } finally {
      await client.dispose();
    }
  });

  it('places no order when an LLM calls confirm_order on its own (e.g. obeying a document) and nobody approves', async () => {
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
    expect(message.toolCalls).toMatchObject([{ name: 'confirm_order', ok: true }]);
    expect(JSON.parse(message.toolCalls[0].resultJson)).toMatchObject({ status: 'APPROVAL_REQUESTED' });
    expect(message.order).toBeNull();
    expect(approvalsIn(answer)).toMatchObject([{ status: 'PENDING' }]);
    expect(await orderIds(bob)).toEqual([]);
  });
});
