import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpError, textAnswer, toolCall } from './behaviours.js';
import { startFakeModelServer, type FakeModelServer } from './fake-model-server.js';

describe('startFakeModelServer', () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const post = (body: object) =>
    fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers non-streaming requests and records them in order', async () => {
    server.enqueue(textAnswer('hello'), toolCall('lookup', { id: 1 }));
    const text = (await (await post({ model: 'm1', messages: [{ role: 'user', content: 'hi' }] })).json()) as any;
    const tool = (await (await post({ model: 'm2', messages: [], tools: [{ type: 'function' }] })).json()) as any;

    expect(text.choices[0].message.content).toBe('hello');
    expect(tool.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { tool_calls: [{ function: { name: 'lookup', arguments: '{"id":1}' } }] },
    });
    expect(server.requests.map((request) => [request.model, request.stream, request.tools?.length])).toEqual([
      ['m1', false, undefined],
      ['m2', false, 1],
    ]);
  });

  it('streams SSE chunks ending in [DONE], with a usage chunk only when asked', async () => {
    server.enqueue(textAnswer('abcdef', { chunks: 3 }), textAnswer('abcdef', { chunks: 3 }));
    const withUsage = await (await post({ model: 'm', messages: [], stream: true, stream_options: { include_usage: true } })).text();
    const withoutUsage = await (await post({ model: 'm', messages: [], stream: true })).text();

    expect(withUsage.trim().split('\n\n').at(-1)).toBe('data: [DONE]');
    expect(withUsage).toContain('"usage":{"prompt_tokens"');
    expect(withoutUsage).not.toContain('"usage"');
  });

  it('plays scripted HTTP errors, then the fallback (500) when the queue is empty', async () => {
    server.enqueue(httpError(429, { retryAfter: '3' }));
    const limited = await post({ model: 'm', messages: [] });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await post({ model: 'm', messages: [] })).status).toBe(500);
  });
});

describe('fake /v1/moderations', () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const moderate = (body: object) =>
    fetch(`${server.baseURL}/moderations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('flags marked or obviously violent text per input and records the request', async () => {
    const body = (await (
      await moderate({ model: 'omni-moderation-latest', input: ['I will kill you', 'two pizzas please', 'x [flag:hate]'] })
    ).json()) as any;
    expect(body.results.map((result: any) => result.flagged)).toEqual([true, false, true]);
    expect(body.results[0].categories.violence).toBe(true);
    expect(body.results[2].categories.hate).toBe(true);
    expect(body.results[1].category_scores.violence).toBeLessThan(0.01);
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/moderations']);
  });

  it('fails with the configured status', async () => {
    server.setModerationError(503);
    expect((await moderate({ input: 'hi' })).status).toBe(503);
    server.setModerationError(undefined);
    expect((await moderate({ input: 'hi' })).status).toBe(200);
  });
});
