import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropMidStream, hang, httpError, splitInto, textAnswer } from '../../test/fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../../test/fakes/model-server/fake-model-server.js';
import { metricsRegistry } from '../metrics/metrics.js';
import type { ModelCallRecord } from './call-record.js';
import { createModelGateway, type ModelGatewayOptions } from './model-gateway.js';
import { ModelError } from './model-error.js';
import type { BreakerState } from './provider-policy.js';
import { collect, providerFor, userQuestion } from '../../test/fakes/model-gateway-test-helpers.js';

/** The breaker state gauge's four series of one provider, as /metrics shows them. */
async function breakerGauge(provider: string): Promise<Record<string, number>> {
  const values = (await metricsRegistry.getSingleMetric('ragline_model_breaker_state')!.get()).values;
  return Object.fromEntries(
    values.filter((sample) => sample.labels.provider === provider).map((sample) => [sample.labels.state, sample.value]),
  );
}

describe('createModelGateway', () => {
  let primary: FakeModelServer;
  let secondary: FakeModelServer;
  let records: ModelCallRecord[];

  beforeEach(async () => {
    [primary, secondary] = await Promise.all([startFakeModelServer(), startFakeModelServer()]);
    records = [];
  });
  afterEach(async () => {
    await Promise.all([primary.close(), secondary.close()]);
  });

  function gateway(overrides: Partial<ModelGatewayOptions> = {}) {
    return createModelGateway({
      providers: [providerFor(primary, 'primary'), providerFor(secondary, 'secondary')],
      retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_500 },
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
      timeouts: { firstTokenMs: 1_000, totalMs: 5_000 },
      onCallRecord: (record) => records.push(record),
      ...overrides,
    });
  }

  it('streams text and usage from the primary and records the call', async () => {
    primary.enqueue(textAnswer('Shipped on Monday.', { chunks: 3, chunkDelayMs: 5, usage: { promptTokens: 30, completionTokens: 5 } }));
    const { text, parts, error } = await collect(gateway().stream({ messages: userQuestion }));

    expect(error).toBeUndefined();
    expect(text).toBe('Shipped on Monday.');
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 30, outputTokens: 5 } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      provider: 'primary',
      model: 'primary-model',
      outcome: 'success',
      errorType: undefined,
      attempts: 1,
      usage: { inputTokens: 30, outputTokens: 5 },
      providers: [{ provider: 'primary', model: 'primary-model', requests: 1, errorType: undefined }],
    });
    expect(records[0]!.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(records[0]!.latencyMs).toBeGreaterThanOrEqual(records[0]!.timeToFirstTokenMs!);
  });

  it('waits for Retry-After on 429, then succeeds on the same provider', async () => {
    primary.enqueue(httpError(429, { retryAfter: '1' }), textAnswer('ok after wait'));
    const retries: number[] = [];
    const started = performance.now();
    const { text, error } = await collect(
      gateway({ onRetry: (_provider, event) => retries.push(event.delayMs) }).stream({ messages: userQuestion }),
    );
    const elapsed = performance.now() - started;

    expect(error).toBeUndefined();
    expect(text).toBe('ok after wait');
    expect(retries).toEqual([1_000]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1_900);
    expect(records[0]).toMatchObject({ provider: 'primary', outcome: 'success', attempts: 2 });
    expect(secondary.requests).toHaveLength(0);
  });

  it('does not wait for a Retry-After beyond the bound: falls back at once', async () => {
    primary.enqueue(httpError(429, { retryAfter: '120' }));
    secondary.enqueue(textAnswer('from secondary'));
    const started = performance.now();
    const { text, error } = await collect(gateway().stream({ messages: userQuestion }));

    expect(error).toBeUndefined();
    expect(text).toBe('from secondary');
    expect(performance.now() - started).toBeLessThan(500);
    expect(primary.requests).toHaveLength(1);
  });

  it('retries 5xx with backoff, then falls back to the second provider', async () => {
    primary.enqueue(httpError(500), httpError(503), httpError(502));
    secondary.enqueue(textAnswer('fallback answer'));
    const { text, error } = await collect(gateway().stream({ messages: userQuestion }));

    expect(error).toBeUndefined();
    expect(text).toBe('fallback answer');
    expect(primary.requests).toHaveLength(3);
    expect(secondary.requests).toHaveLength(1);
    expect(records[0]).toMatchObject({
      provider: 'secondary',
      outcome: 'success',
      attempts: 4,
      providers: [
        { provider: 'primary', requests: 3, errorType: 'server' },
        { provider: 'secondary', requests: 1, errorType: undefined },
      ],
    });
  });

  it('opens the breaker after N failures, skips the dead provider, then recovers via half-open', async () => {
    const transitions: string[] = [];
    const gw = gateway({
      retry: { maxRetries: 0 },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 150 },
      onBreakerStateChange: (provider, state: BreakerState) => transitions.push(`${provider}:${state}`),
    });
    primary.setFallback(httpError(503));
    secondary.setFallback(textAnswer('secondary'));

    for (let call = 0; call < 2; call++) expect((await collect(gw.stream({ messages: userQuestion }))).text).toBe('secondary');
    expect(gw.breakerState('primary')).toBe('open');
    expect(await breakerGauge('primary')).toEqual({ closed: 0, 'half-open': 0, open: 1, isolated: 0 });
    expect(primary.requests).toHaveLength(2);

    const started = performance.now();
    const skipped = await collect(gw.stream({ messages: userQuestion }));
    expect(skipped.text).toBe('secondary');
    expect(performance.now() - started).toBeLessThan(200);
    expect(primary.requests).toHaveLength(2);
    expect(records[2]!.providers[0]).toEqual({ provider: 'primary', model: 'primary-model', requests: 0, errorType: 'circuit-open' });

    await sleep(200);
    primary.setFallback(textAnswer('primary is back'));
    expect((await collect(gw.stream({ messages: userQuestion }))).text).toBe('primary is back');
    expect(gw.breakerStates()).toEqual({ primary: 'closed', secondary: 'closed' });
    expect(transitions).toEqual(['primary:open', 'primary:half-open', 'primary:closed']);
    expect(await breakerGauge('primary')).toEqual({ closed: 1, 'half-open': 0, open: 0, isolated: 0 });
  });

  it('ends with an interrupted error, without fallback or duplicated text, when the stream drops after text', async () => {
    primary.enqueue(dropMidStream('Your order is on its way to you', { chunks: 4, afterChunks: 2 }));
    secondary.enqueue(textAnswer('must not be used'));
    const { text, parts, error } = await collect(gateway().stream({ messages: userQuestion }));

    expect(text).toBe(splitInto('Your order is on its way to you', 4).slice(0, 2).join(''));
    expect(parts.every((part) => part.type === 'text-delta')).toBe(true);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'interrupted', isRetryable: false, provider: 'primary' });
    expect((error as ModelError).cause).toMatchObject({ kind: 'network' });
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
    expect(records[0]).toMatchObject({ provider: 'primary', outcome: 'interrupted', errorType: 'network', attempts: 1 });
  });

  it('times out a hanging provider before the first token and falls back', async () => {
    primary.setFallback(hang());
    secondary.enqueue(textAnswer('fast answer'));
    const started = performance.now();
    const { text, error } = await collect(
      gateway({ retry: { maxRetries: 1, initialDelayMs: 5 }, timeouts: { firstTokenMs: 150 } }).stream({ messages: userQuestion }),
    );

    expect(error).toBeUndefined();
    expect(text).toBe('fast answer');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(records[0]!.providers).toEqual([
      { provider: 'primary', model: 'primary-model', requests: 2, errorType: 'timeout' },
      { provider: 'secondary', model: 'secondary-model', requests: 1, errorType: undefined },
    ]);
  });

  it('counts first-token timeouts against the breaker', async () => {
    primary.setFallback(hang());
    secondary.setFallback(textAnswer('secondary'));
    const gw = gateway({
      retry: { maxRetries: 0 },
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 10_000 },
      timeouts: { firstTokenMs: 100 },
    });

    expect((await collect(gw.stream({ messages: userQuestion }))).text).toBe('secondary');
    expect(gw.breakerState('primary')).toBe('open');
  });

  it('enforces the total timeout while streaming', async () => {
    primary.enqueue(textAnswer('slow slow slow slow', { chunks: 4, chunkDelayMs: 100 }));
    const { text, error } = await collect(gateway({ timeouts: { firstTokenMs: 1_000, totalMs: 250 } }).stream({ messages: userQuestion }));

    expect(text.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ kind: 'interrupted' });
    expect(records[0]).toMatchObject({ outcome: 'interrupted', errorType: 'timeout' });
    expect(secondary.requests).toHaveLength(0);
  });

  it('does not retry or fall back on a 400', async () => {
    primary.enqueue(httpError(400, { message: 'bad tool schema' }));
    secondary.enqueue(textAnswer('must not be used'));
    const { error } = await collect(gateway().stream({ messages: userQuestion }));

    expect(error).toMatchObject({ kind: 'bad-request', status: 400, isRetryable: false });
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
    expect(records[0]).toMatchObject({ outcome: 'failed', errorType: 'bad-request', attempts: 1 });
    expect(gateway().breakerState('primary')).toBe('closed');
  });

  it('stops without fallback when the caller aborts, and records the abort', async () => {
    primary.setFallback(hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await collect(gateway().stream({ messages: userQuestion, signal: controller.signal }));

    expect(error).toMatchObject({ kind: 'aborted' });
    expect(secondary.requests).toHaveLength(0);
    expect(records[0]).toMatchObject({ outcome: 'aborted', errorType: 'aborted', attempts: 1 });
  });

  it('records an aborted outcome and closes the provider stream when the consumer stops early', async () => {
    primary.enqueue(textAnswer('one two three four', { chunks: 4, chunkDelayMs: 20 }));
    for await (const part of gateway().stream({ messages: userQuestion })) {
      expect(part.type).toBe('text-delta');
      break;
    }
    expect(records[0]).toMatchObject({ outcome: 'aborted', provider: 'primary' });
  });
});
