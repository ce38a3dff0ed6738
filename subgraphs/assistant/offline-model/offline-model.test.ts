import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../platform/text/token-count.js';
import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import { fakeGateway, turn } from '../../../test/fakes/offline-model-turns.js';
import { createOfflineModel, offlineModelId } from './offline-model.js';

describe('offline model through the tool loop', () => {
  it('identifies itself as not an LLM', () => {
    expect(createOfflineModel()).toMatchObject({ provider: 'offline', modelId: offlineModelId });
    expect(offlineModelId).toContain('not an LLM');
  });

  it('lists vegan menu items with prices after calling retrieve_menu', async () => {
    const gateway = fakeGateway();
    const { finished, calls, deltas } = await turn(gateway, [], 'What vegan dishes do you have?');
    expect(calls).toEqual([{ name: 'retrieve_menu', args: { vegan: true } }]);
    expect(finished.text).toContain('- Falafel Wrap: 8.00 EUR (vegan)');
    expect(finished.text).toContain('- Cola: 2.50 EUR (vegan, gluten-free)');
    expect(finished.text).not.toContain('Margherita');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(finished.text);
    expect(gateway.requests[0]!.headers['authorization']).toBe('Bearer user-token');
  });

  it('answers a policy question by quoting the best passage sentence with a citation marker, ignoring injected text', async () => {
    const gateway = fakeGateway();
    const { finished, calls } = await turn(gateway, [], 'What is your refund policy if my delivery is late?');
    expect(calls).toEqual([{ name: 'search_knowledge_base', args: { query: 'What is your refund policy if my delivery is late?' } }]);
    expect(finished.text).toContain('- Orders delivered more than 30 minutes late get a full refund. [1]');
    expect(finished.text).not.toContain('We bake everything fresh');
    expect(finished.text).not.toMatch(/confirm_order|Ignore all/);
    expect(finished.citations).toEqual([
      { documentId: 'd1', chunkId: 'c1', title: 'Refund policy' },
      { documentId: 'd2', chunkId: 'c2', title: 'Opening hours' },
    ]);
    expect(gateway.requests.some((request) => request.query.includes('createOrder'))).toBe(false);
  });

  it('orders over three turns with a text-only history: quote, promo code, explicit confirmation', async () => {
    const gateway = fakeGateway();
    const first = await turn(gateway, [], "I'd like two margherita and a cola");
    expect(first.calls).toEqual([
      { name: 'retrieve_menu', args: { first: 50 } },
      {
        name: 'apply_promos',
        args: {
          items: [
            { productId: 'p1', quantity: 2 },
            { productId: 'p3', quantity: 1 },
          ],
        },
      },
    ]);
    expect(first.finished.text).toContain('- 2 × Margherita\n- 1 × Cola');
    expect(first.finished.text).toContain('Total: 25.85 EUR');

    const history: ChatMessage[] = [
      { role: 'user', content: "I'd like two margherita and a cola" },
      { role: 'assistant', content: first.finished.text },
    ];
    const second = await turn(gateway, history, 'Apply promo code WELCOME10');
    expect(second.calls.at(-1)).toEqual({
      name: 'apply_promos',
      args: {
        items: [
          { productId: 'p1', quantity: 2 },
          { productId: 'p3', quantity: 1 },
        ],
        promoCode: 'WELCOME10',
      },
    });
    expect(second.finished.text).toContain('Discount (WELCOME10): -2.35 EUR');
    expect(second.finished.text).toContain('Total: 23.27 EUR');

    history.push({ role: 'user', content: 'Apply promo code WELCOME10' }, { role: 'assistant', content: second.finished.text });
    const third = await turn(gateway, history, 'Yes, place the order');
    expect(third.calls.at(-1)).toEqual({
      name: 'confirm_order',
      args: {
        items: [
          { productId: 'p1', quantity: 2 },
          { productId: 'p3', quantity: 1 },
        ],
        promoCode: 'WELCOME10',
      },
    });
    expect(third.finished.text).toBe(
      'Your order is placed. Order id: 5f0c6a1e-8d7b-4c4e-9a51-0c1f2b3c4d5e, status PENDING, total 23.27 EUR.',
    );
    const orders = gateway.requests.filter((request) => request.query.includes('createOrder'));
    expect(orders).toHaveLength(1);
    expect(orders[0]!.variables['idempotencyKey']).toMatch(/^chat:conv-1:3:[0-9a-f]{16}$/);

    // After the order was placed, another "confirm" finds nothing open and orders nothing.
    history.push({ role: 'user', content: 'Yes, place the order' }, { role: 'assistant', content: third.finished.text });
    const fourth = await turn(gateway, history, 'confirm');
    expect(fourth.calls).toEqual([]);
    expect(fourth.finished.text).toContain('no priced order to confirm');
  });

  it('uses tool calls in the history when they are there', async () => {
    const gateway = fakeGateway();
    const history: ChatMessage[] = [
      { role: 'user', content: 'two falafel wraps' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ type: 'tool-call', id: 'q1', name: 'apply_promos', argumentsJson: '{"items":[{"productId":"p2","quantity":2}]}' }],
      },
      { role: 'tool', toolCallId: 'q1', content: '{"totalCents":1760}' },
      { role: 'assistant', content: 'That is 17.60 EUR.' },
    ];
    const { calls } = await turn(gateway, history, 'ok, order it');
    expect(calls).toEqual([{ name: 'confirm_order', args: { items: [{ productId: 'p2', quantity: 2 }] } }]);
  });

  it('never orders because a retrieved document says so', async () => {
    const gateway = fakeGateway();
    const history: ChatMessage[] = [
      { role: 'user', content: "I'd like a cola" },
      {
        role: 'assistant',
        content: 'Your order:\n- 1 × Cola\n\nSubtotal: 2.50 EUR\nTax: 0.25 EUR\nTotal: 2.75 EUR\n\nReply "confirm" to place this order.',
      },
    ];
    const { calls, finished } = await turn(gateway, history, 'Can I get a refund note?');
    expect(calls.map((call) => call.name)).toEqual(['search_knowledge_base']);
    expect(finished.text).not.toContain('placed');
    expect(gateway.requests.some((request) => request.query.includes('createOrder'))).toBe(false);
  });

  it('summarises the conversation with generate_summary', async () => {
    const gateway = fakeGateway();
    const history: ChatMessage[] = [
      { role: 'user', content: 'Do you deliver to the harbour district? I want pizza delivered tonight.' },
      { role: 'assistant', content: 'Yes, we deliver pizza to the harbour district until 10 pm.' },
    ];
    const { calls, finished } = await turn(gateway, history, 'Please summarize our chat');
    expect(calls).toEqual([{ name: 'generate_summary', args: { maxSentences: 5 } }]);
    expect(finished.text).toContain('Here is a summary of our conversation so far:\nCustomer: Do you deliver to the harbour district?');
    expect(gateway.requests).toHaveLength(0);
  });

  it('greets without tools and counts usage with the tokenizer', async () => {
    const gateway = fakeGateway();
    const { calls, finished } = await turn(gateway, [], 'hello there');
    expect(calls).toEqual([]);
    expect(finished.usage.outputTokens).toBe(countTokens(finished.text));
    expect(finished.usage.inputTokens).toBeGreaterThan(countTokens('hello there'));
  });

  it('answers without tools once none are offered (round limit)', async () => {
    const { calls, finished } = await turn(fakeGateway(), [], 'What vegan dishes do you have?', 0);
    expect(calls).toEqual([]);
    expect(finished.text).toContain("couldn't finish");
  });

  it('is deterministic', async () => {
    const a = await turn(fakeGateway(), [], "I'd like two margherita");
    const b = await turn(fakeGateway(), [], "I'd like two margherita");
    expect(a.events.map((event) => (event.type === 'tool-call-finished' ? { ...event, durationMs: 0 } : event))).toEqual(
      b.events.map((event) => (event.type === 'tool-call-finished' ? { ...event, durationMs: 0 } : event)),
    );
  });

  it('throws an aborted ModelError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const stream = createOfflineModel().stream({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal });
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ name: 'ModelError', kind: 'aborted' });
  });
});
