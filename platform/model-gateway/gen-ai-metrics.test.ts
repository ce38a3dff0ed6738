import { describe, expect, it } from 'vitest';
import { metricsRegistry } from '../metrics/metrics.js';
import type { ModelCallRecord } from './call-record.js';
import { recordModelCall } from './gen-ai-metrics.js';

/** A metric's samples of one model; histogram samples carry their series name (`…_sum`, `…_count`, `…_bucket`). */
async function samples(name: string, model: string) {
  const metric = metricsRegistry.getSingleMetric(name);
  return ((await metric!.get()).values as { labels: Record<string, string | number>; value: number; metricName?: string }[]).filter(
    (sample) => sample.labels.model === model,
  );
}

const record = (overrides: Partial<ModelCallRecord>): ModelCallRecord => ({
  provider: 'primary',
  model: 'm',
  startedAt: new Date(),
  latencyMs: 2_100,
  timeToFirstTokenMs: 100,
  usage: { inputTokens: 30, outputTokens: 11 },
  outcome: 'success',
  errorType: undefined,
  attempts: 1,
  providers: [],
  ...overrides,
});

describe('GenAI client metrics', () => {
  it('records tokens by type, duration, time to first token, time per output token and spend under the prompt labels', async () => {
    recordModelCall(record({ model: 'ok-model' }), { prompt: 'assistant-system@1', variant: 'concise' }, 0.25);
    const sum = async (name: string, extra: Record<string, string> = {}) =>
      (await samples(name, 'ok-model')).find(
        (sample) =>
          sample.metricName === `${name}_sum` &&
          sample.labels.prompt === 'assistant-system@1' &&
          sample.labels.variant === 'concise' &&
          Object.entries(extra).every(([key, value]) => sample.labels[key] === value),
      )?.value;
    expect(await sum('gen_ai_client_token_usage', { gen_ai_token_type: 'input' })).toBe(30);
    expect(await sum('gen_ai_client_token_usage', { gen_ai_token_type: 'output' })).toBe(11);
    expect(await sum('gen_ai_client_operation_duration_seconds', { error_type: '' })).toBeCloseTo(2.1);
    expect(await sum('gen_ai_client_operation_time_to_first_chunk_seconds')).toBeCloseTo(0.1);
    // (2.1 s - 0.1 s) over the 10 tokens after the first.
    expect(await sum('gen_ai_client_operation_time_per_output_chunk_seconds')).toBeCloseTo(0.2);
    expect((await samples('ragline_gen_ai_cost_usd_total', 'ok-model'))[0]?.value).toBe(0.25);
  });

  it('a failed call has a duration with its error type and no time per output token', async () => {
    recordModelCall(
      record({ model: 'failing-model', outcome: 'failed', errorType: 'timeout', timeToFirstTokenMs: undefined, usage: undefined }),
      { prompt: 'none', variant: 'none' },
    );
    const durations = (await samples('gen_ai_client_operation_duration_seconds', 'failing-model')).filter((s) =>
      s.metricName?.endsWith('_count'),
    );
    expect(durations.map((sample) => [sample.labels.error_type, sample.value])).toEqual([['timeout', 1]]);
    expect(await samples('gen_ai_client_operation_time_per_output_chunk_seconds', 'failing-model')).toEqual([]);
    expect(await samples('gen_ai_client_operation_time_to_first_chunk_seconds', 'failing-model')).toEqual([]);
  });
});
