import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpError, textAnswer } from '../../../test/fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../../../test/fakes/model-server/fake-model-server.js';
import { loadConfig } from '../../../platform/config.js';
import { createLogger } from '../../../platform/logger.js';
import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import { collect, userQuestion } from '../../../test/fakes/model-gateway-test-helpers.js';
import { createOfflineModel } from '../offline-model/offline-model.js';
import { createChatModel } from './chat-model.js';

const logger = createLogger({ level: 'silent', service: 'test' });

describe('createChatModel', () => {
  let fast: FakeModelServer;
  let steady: FakeModelServer;
  let records: ModelCallRecord[];
  beforeEach(async () => {
    [fast, steady] = await Promise.all([startFakeModelServer(), startFakeModelServer()]);
    records = [];
  });
  afterEach(() => Promise.all([fast.close(), steady.close()]));

  const chain = (providers: unknown[], env: Record<string, string> = {}) =>
    createChatModel({
      config: loadConfig({ MODEL_PROVIDERS: JSON.stringify(providers), MODEL_MAX_RETRIES: '3', ...env }),
      logger,
      offlineModel: () => createOfflineModel(),
      onCallRecord: (record) => records.push(record),
    });

  it('gives each provider of MODEL_PROVIDERS its own model and retry budget', async () => {
    for (let i = 0; i < 5; i++) fast.enqueue(httpError(503));
    steady.enqueue(textAnswer('From the second provider.'));
    const model = chain([
      { name: 'gpu', baseUrl: fast.baseURL, model: 'qwen-small', maxRetries: 0 },
      { name: 'cloud', baseUrl: steady.baseURL, model: 'gpt-4o-mini' },
    ]);
    const { text, error } = await collect(model.stream({ messages: userQuestion }));
    expect(error).toBeUndefined();
    expect(text).toBe('From the second provider.');
    // No retries on "gpu" (its own budget of 0) although the shared MODEL_MAX_RETRIES is 3.
    expect(fast.requests).toHaveLength(1);
    expect(fast.requests[0]!.body.model).toBe('qwen-small');
    expect(steady.requests[0]!.body.model).toBe('gpt-4o-mini');
    expect(records[0]!.providers.map((attempt) => [attempt.provider, attempt.requests])).toEqual([
      ['gpu', 1],
      ['cloud', 1],
    ]);
  });

  it('uses the offline model, plainly labelled, when nothing is configured', () => {
    const model = createChatModel({
      config: loadConfig({}),
      logger,
      offlineModel: () => createOfflineModel(),
      onCallRecord: () => undefined,
    });
    expect(model.modelId).toMatch(/not an LLM/);
  });

  it('refuses a malformed provider list at start-up', () => {
    expect(() => loadConfig({ MODEL_PROVIDERS: '[{"name":"x"}]' })).toThrow(/MODEL_PROVIDERS/);
    expect(() =>
      loadConfig({
        MODEL_PROVIDERS: JSON.stringify([
          { name: 'a', baseUrl: 'http://a/v1', model: 'm' },
          { name: 'a', baseUrl: 'http://b/v1', model: 'm' },
        ]),
      }),
    ).toThrow(/MODEL_PROVIDERS/);
  });
});
