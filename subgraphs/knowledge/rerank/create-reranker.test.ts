import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from '../../../test/fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../../../test/fakes/model-server/fake-model-server.js';
import { loadConfig } from '../../../platform/config.js';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { createReranker } from './create-reranker.js';

describe('createReranker with RERANKER=llm', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer();
  });
  afterAll(() => server?.close());

  it('records its model calls as GenAI metrics under the knowledge-rerank prompt', async () => {
    server.setFallback(textAnswer('[2, 9]', { usage: { promptTokens: 40, completionTokens: 4 } }));
    const reranker = createReranker(
      loadConfig({ NODE_ENV: 'test', RERANKER: 'llm', OPENAI_BASE_URL: server.baseURL, RERANK_MODEL: 'judge-model' }),
    );
    const ranked = await reranker.rerank('when are refunds issued?', [
      { id: 'a', text: 'Shipping takes five days.', score: 0.9 },
      { id: 'b', text: 'Refunds are issued within 14 days.', score: 0.8 },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual(['b', 'a']);
    const values = (await metricsRegistry.getSingleMetric('gen_ai_client_token_usage')!.get()).values as {
      labels: Record<string, string>;
      value: number;
      metricName?: string;
    }[];
    const input = values.find(
      (sample) =>
        sample.metricName === 'gen_ai_client_token_usage_sum' &&
        sample.labels.prompt === 'knowledge-rerank' &&
        sample.labels.provider === 'rerank' &&
        sample.labels.gen_ai_token_type === 'input',
    );
    expect(input?.value).toBe(40);
  });
});
