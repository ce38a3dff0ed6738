import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpError, textAnswer, toolCall } from '../../test/fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../../test/fakes/model-server/fake-model-server.js';
import { ModelError } from './model-error.js';
import { createOpenAICompatibleProvider } from './openai-compatible-provider.js';
import { collect, providerFor, userQuestion } from '../../test/fakes/model-gateway-test-helpers.js';

describe('createOpenAICompatibleProvider', () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('streams text deltas and finishes with the streamed usage', async () => {
    server.enqueue(textAnswer('Your order ships today.', { chunks: 4, usage: { promptTokens: 20, completionTokens: 6 } }));
    const { parts, text, error } = await collect(
      providerFor(server, 'primary').stream({ messages: userQuestion, temperature: 0.2, maxTokens: 100 }),
    );

    expect(error).toBeUndefined();
    expect(text).toBe('Your order ships today.');
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(4);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 20, outputTokens: 6 } });
    expect(server.requests[0]).toMatchObject({
      model: 'primary-model',
      stream: true,
      messages: [{ role: 'user', content: 'Where is my order?' }],
    });
    expect(server.requests[0]!.body).toMatchObject({ stream_options: { include_usage: true }, temperature: 0.2, max_tokens: 100 });
  });

  it('assembles streamed tool-call argument fragments into one tool-call part', async () => {
    server.enqueue(toolCall('lookupOrder', { orderId: 'A-42', includeItems: true }, { id: 'call_7', pieces: 5 }));
    const tools = [
      { name: 'lookupOrder', description: 'Find an order', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } },
    ];
    const { parts, error } = await collect(providerFor(server, 'primary').stream({ messages: userQuestion, tools }));

    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'tool-call', id: 'call_7', name: 'lookupOrder', argumentsJson: '{"orderId":"A-42","includeItems":true}' },
      { type: 'finish', reason: 'tool-calls', usage: { inputTokens: 11, outputTokens: 7 } },
    ]);
    expect(server.requests[0]!.tools).toEqual([{ type: 'function', function: tools[0] }]);
  });

  it('throws a ModelError carrying status, retryability and Retry-After', async () => {
    server.enqueue(httpError(429, { retryAfter: '2' }), httpError(400));
    const rateLimited = await collect(providerFor(server, 'primary').stream({ messages: userQuestion }));
    expect(rateLimited.error).toBeInstanceOf(ModelError);
    expect(rateLimited.error).toMatchObject({
      kind: 'rate-limit',
      status: 429,
      isRetryable: true,
      retryAfterMs: 2_000,
      provider: 'primary',
    });

    const badRequest = await collect(providerFor(server, 'primary').stream({ messages: userQuestion }));
    expect(badRequest.error).toMatchObject({ kind: 'bad-request', status: 400, isRetryable: false });
  });

  it('sends requests through an injected fetch', async () => {
    server.enqueue(textAnswer('via custom fetch'));
    const urls: string[] = [];
    const provider = createOpenAICompatibleProvider({
      name: 'custom',
      baseURL: server.baseURL,
      apiKey: 'k',
      model: 'm',
      timeoutMs: 5_000,
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    expect((await collect(provider.stream({ messages: userQuestion }))).text).toBe('via custom fetch');
    expect(urls).toEqual([`${server.baseURL}/chat/completions`]);
  });
});
