import type { Counter, Gauge, Histogram } from 'prom-client';
import { counter, gauge, histogram, observeTraced, tracedHistogram } from '../metrics/metrics.js';
import type { ModelCallRecord } from './call-record.js';
import type { BreakerState } from './provider-policy.js';

/**
 * The OpenTelemetry GenAI client metrics (semantic conventions 1.45: `gen_ai.client.token.usage`,
 * `gen_ai.client.operation.duration`, `gen_ai.client.operation.time_to_first_chunk`,
 * `gen_ai.client.operation.time_per_output_chunk`) under the names the OTel-to-Prometheus translation gives them (dots
 * to underscores, the unit `s` as a `_seconds` suffix, the annotation unit `{token}` dropped), with their advised
 * buckets. We are the model's client, so the client metrics apply; `gen_ai.server.*` is what a model server reports.
 * Labels: `gen_ai_operation_name` and `gen_ai_token_type` as in the conventions; `provider` (the configured provider
 * name), `model`, `prompt` and `variant` (bounded: the deployment's providers and the prompt registry's files).
 */
export interface PromptLabels {
  prompt: string;
  variant: string;
}

type CallLabels = 'gen_ai_operation_name' | 'provider' | 'model' | 'prompt' | 'variant';

interface GenAiMetrics {
  tokenUsage: Histogram<CallLabels | 'gen_ai_token_type'>;
  duration: Histogram<CallLabels | 'error_type'>;
  timeToFirstChunk: Histogram<CallLabels>;
  timePerOutputChunk: Histogram<CallLabels>;
  costUsd: Counter<'provider' | 'model'>;
  breakerState: Gauge<'provider' | 'state'>;
}

let metrics: GenAiMetrics | undefined;

/** Created on first use rather than at import, so importing the model gateway registers nothing. */
function genAiMetrics(): GenAiMetrics {
  const callLabels: CallLabels[] = ['gen_ai_operation_name', 'provider', 'model', 'prompt', 'variant'];
  return (metrics ??= {
    tokenUsage: histogram({
      name: 'gen_ai_client_token_usage',
      help: 'Tokens per model call by gen_ai_token_type (input, output)',
      labelNames: [...callLabels, 'gen_ai_token_type'],
      buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
    }),
    duration: tracedHistogram({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'Model call duration, over all retries and fallbacks, to the end of the stream; error_type is empty on success',
      labelNames: [...callLabels, 'error_type'],
      buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
    }),
    timeToFirstChunk: tracedHistogram({
      name: 'gen_ai_client_operation_time_to_first_chunk_seconds',
      help: 'Time from the model call to its first stream part (time to first token)',
      labelNames: callLabels,
      buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    }),
    timePerOutputChunk: histogram({
      name: 'gen_ai_client_operation_time_per_output_chunk_seconds',
      help: 'Streaming time after the first part divided by the output tokens after the first (time per output token)',
      labelNames: callLabels,
      buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5],
    }),
    costUsd: counter({
      name: 'ragline_gen_ai_cost_usd_total',
      help: 'Estimated model spend in US dollars (MODEL_PRICES) by provider and model; per tenant in the llm_call_v1 events, not here',
      labelNames: ['provider', 'model'],
    }),
    breakerState: gauge({
      name: 'ragline_model_breaker_state',
      help: 'Circuit breaker state per model provider: 1 for the current state (closed, half-open, open, isolated), 0 for the others',
      labelNames: ['provider', 'state'],
    }),
  });
}

const breakerStates: BreakerState[] = ['closed', 'half-open', 'open', 'isolated'];

/** Sets the provider's state series (all four exist from the start, so a dashboard shows a closed breaker as 0 open). */
export function recordBreakerState(provider: string, current: BreakerState): void {
  for (const state of breakerStates) genAiMetrics().breakerState.set({ provider, state }, state === current ? 1 : 0);
}

/** Records one model call (as the gateway's call record reports it) under the prompt that made it. */
export function recordModelCall(record: ModelCallRecord, prompt: PromptLabels, costUsd = 0): void {
  const m = genAiMetrics();
  const labels = { gen_ai_operation_name: 'chat', provider: record.provider, model: record.model, ...prompt };
  observeTraced(m.duration, { ...labels, error_type: record.errorType ?? '' }, record.latencyMs / 1000);
  if (record.timeToFirstTokenMs !== undefined) observeTraced(m.timeToFirstChunk, labels, record.timeToFirstTokenMs / 1000);
  if (record.usage) {
    m.tokenUsage.observe({ ...labels, gen_ai_token_type: 'input' }, record.usage.inputTokens);
    m.tokenUsage.observe({ ...labels, gen_ai_token_type: 'output' }, record.usage.outputTokens);
    const later = record.usage.outputTokens - 1;
    if (record.outcome === 'success' && record.timeToFirstTokenMs !== undefined && later > 0) {
      m.timePerOutputChunk.observe(labels, (record.latencyMs - record.timeToFirstTokenMs) / 1000 / later);
    }
  }
  // Incremented by 0 too, so an unpriced model still has its (zero) series.
  m.costUsd.inc({ provider: record.provider, model: record.model }, costUsd);
}
