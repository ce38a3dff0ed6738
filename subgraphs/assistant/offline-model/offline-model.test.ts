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

  it('puts every priced cart to the user for approval over a text-only history, and never orders itself', async () => {
    const gateway = fakeGateway();
    const cart = {
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'p3', quantity: 1 },
      ],
    };
    const first = await turn(gateway, [], "I'd like two margherita and a cola");
    expect(first.calls).toEqual([
      { name: 'retrieve_menu', args: { first: 50 } },
      { name: 'apply_promos', args: cart },
      { name: 'confirm_order', args: cart },
    ]);
    expect(first.finished.text).toContain('- 2 × Margherita\n- 1 × Cola');
    expect(first.finished.text).toContain('Total: 25.85 EUR');
    expect(first.finished.text).toContain('Nothing is ordered yet: approve the order request to place it, or decline it.');
    expect(first.approvals).toEqual([
      {
        tool: 'confirm_order',
        arguments: cart,
        summary: 'Place an order for 2 × Margherita and 1 × Cola, total 25.85 EUR.',
        lines: [
          { productId: 'p1', name: 'Margherita', quantity: 2, unitPriceCents: 1050, lineTotalCents: 2100, notes: null },
          { productId: 'p3', name: 'Cola', quantity: 1, unitPriceCents: 250, lineTotalCents: 250, notes: null },
        ],
        totalCents: 2585,
        currency: 'EUR',
        promoCode: null,
      },
    ]);

    const history: ChatMessage[] = [
      { role: 'user', content: "I'd like two margherita and a cola" },
      { role: 'assistant', content: first.finished.text },
    ];
    const second = await turn(gateway, history, 'Apply promo code WELCOME10');
    expect(second.calls.slice(-2)).toEqual([
      { name: 'apply_promos', args: { ...cart, promoCode: 'WELCOME10' } },
      { name: 'confirm_order', args: { ...cart, promoCode: 'WELCOME10' } },
    ]);
    expect(second.finished.text).toContain('Discount (WELCOME10): -2.35 EUR');
    expect(second.finished.text).toContain('Total: 23.27 EUR');
    expect(second.approvals).toMatchObject([{ totalCents: 2327, promoCode: 'WELCOME10' }]);

    history.push({ role: 'user', content: 'Apply promo code WELCOME10' }, { role: 'assistant', content: second.finished.text });
    const third = await turn(gateway, history, 'Yes, place the order');
    expect(third.calls.at(-1)).toEqual({ name: 'confirm_order', args: { ...cart, promoCode: 'WELCOME10' } });
    expect(third.approvals).toMatchObject([{ totalCents: 2327 }]);

    // Typed consent is not consent: it gets an explanation, no tool call.
    history.push({ role: 'user', content: 'Yes, place the order' }, { role: 'assistant', content: third.finished.text });
    const fourth = await turn(gateway, history, 'confirm');
    expect(fourth.calls).toEqual([]);
    expect(fourth.finished.text).toContain('approve the order request');
    expect(gateway.requests.some((request) => request.query.includes('createOrder'))).toBe(false);
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
    const cart = { items: [{ productId: 'p2', quantity: 2 }] };
    expect(calls).toEqual([
      { name: 'apply_promos', args: cart },
      { name: 'confirm_order', args: cart },
    ]);
  });

  it('still gives the quote when the round limit leaves no round to ask for approval', async () => {
    const { calls, finished, approvals } = await turn(fakeGateway(), [], "I'd like two margherita", 2);
    expect(calls.map((call) => call.name)).toEqual(['retrieve_menu', 'apply_promos']);
    expect(finished.text).toContain('Total: 23.10 EUR');
    expect(finished.text).toContain('Say "place the order" to get an order request you can approve.');
    expect(approvals).toEqual([]);
  });

  it('treats a cart whose approval placed the order as closed, and a declined one as open', async () => {
    const cartJson = '{"items":[{"productId":"p2","quantity":2}]}';
    const historyWith = (confirmResult: string): ChatMessage[] => [
      { role: 'user', content: 'two falafel wraps' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { type: 'tool-call', id: 'q1', name: 'apply_promos', argumentsJson: cartJson },
          { type: 'tool-call', id: 'q2', name: 'confirm_order', argumentsJson: cartJson },
        ],
      },
      { role: 'tool', toolCallId: 'q1', content: '{"totalCents":1760}' },
      { role: 'tool', toolCallId: 'q2', content: confirmResult },
      { role: 'assistant', content: 'Approve the request to place it.' },
    ];
    const placed = await turn(fakeGateway(), historyWith('{"approvalId":"a1","status":"APPROVED","orderId":"o-1"}'), 'place the order');
    expect(placed.calls.map((call) => call.name)).toEqual(['retrieve_menu']);
    expect(placed.finished.text).toContain('no priced order to place');
    const declined = await turn(fakeGateway(), historyWith('{"approvalId":"a1","status":"DECLINED"}'), 'place the order');
    expect(declined.calls.map((call) => call.name)).toEqual(['apply_promos', 'confirm_order']);
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
