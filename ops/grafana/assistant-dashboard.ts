import { OPS, dashboard, hitRatio, p95, rateBy, timeseries } from './panels.js';

const AI_LABELS = 'provider, model';

/** Assistant: model calls (time to first token, tokens, cost, breaker), tools, caches, quotas. */
export const assistantDashboard = dashboard(
  'ragline-assistant',
  'RAGline / Assistant',
  'Model calls (time to first token, tokens, cost, breaker), tool calls, caches and quotas (docs/operations.md#assistant)',
  [
    {
      title: 'Model calls',
      panels: [
        timeseries('Time to first token p95', 'gen_ai client time to first chunk by provider and model', 's', [
          { expr: p95('gen_ai_client_operation_time_to_first_chunk_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Time to first token p95 by prompt variant', 'Compare A/B variants of a prompt', 's', [
          { expr: p95('gen_ai_client_operation_time_to_first_chunk_seconds', 'prompt, variant'), legend: '{{prompt}} {{variant}}' },
        ]),
        timeseries('Time per output token p95', 'Streaming time per output token after the first', 's', [
          { expr: p95('gen_ai_client_operation_time_per_output_chunk_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Model call duration p95', 'Whole model call including retries and fallbacks', 's', [
          { expr: p95('gen_ai_client_operation_duration_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Tokens per second', 'Input and output tokens by model', 'short', [
          { expr: rateBy('gen_ai_client_token_usage_sum', 'model, gen_ai_token_type'), legend: '{{model}} {{gen_ai_token_type}}' },
        ]),
        timeseries('Model calls by outcome', 'Calls per second by provider and error type (empty: success)', OPS, [
          { expr: rateBy('gen_ai_client_operation_duration_seconds_count', 'provider, error_type'), legend: '{{provider}} {{error_type}}' },
        ]),
        timeseries('Spend per hour', 'Estimated model spend (MODEL_PRICES) in USD per hour', 'currencyUSD', [
          { expr: `3600 * ${rateBy('ragline_gen_ai_cost_usd_total', AI_LABELS)}`, legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Circuit breaker open', '1 while a provider circuit is open (calls skip it)', 'none', [
          { expr: 'max by (provider) (ragline_model_breaker_state{state="open"})', legend: '{{provider}}' },
        ]),
      ],
    },
    {
      title: 'Tools, caches and quotas',
      panels: [
        timeseries('Tool calls', 'Assistant tool calls by tool and outcome', OPS, [
          { expr: rateBy('ragline_tool_calls_total', 'tool, outcome'), legend: '{{tool}} {{outcome}}' },
        ]),
        timeseries('Tool duration p95', 'Execution time of validated tool calls', 's', [
          { expr: p95('ragline_tool_duration_seconds', 'tool'), legend: '{{tool}}' },
        ]),
        timeseries('Assistant cache hit ratios', 'Semantic answer cache and tool result cache', 'percentunit', [
          { expr: hitRatio('ragline_assistant_semantic_cache_total'), legend: 'semantic answers' },
          { expr: hitRatio('ragline_assistant_tool_cache_total'), legend: 'tool results' },
        ]),
        timeseries('Quota use and refusals', 'Highest share of an LLM quota used by a tenant; refusals per second', 'none', [
          { expr: 'max by (period, measure) (ragline_llm_quota_highest_use_ratio)', legend: 'use {{period}} {{measure}}' },
          { expr: rateBy('ragline_llm_quota_refusals_total', 'period, measure'), legend: 'refusals {{period}} {{measure}}' },
        ]),
      ],
    },
  ],
);
