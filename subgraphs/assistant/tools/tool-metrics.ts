import type { Counter, Histogram } from 'prom-client';
import { counter, histogram } from '../../../platform/metrics/metrics.js';

/** `unknown_tool` calls carry the tool label `(unknown)`, so names invented by the model cannot grow the label set. */
export type ToolOutcome = 'ok' | 'unknown_tool' | 'invalid_arguments' | 'timeout' | 'failed' | 'cancelled';

export interface ToolMetrics {
  calls: Counter<'tool' | 'outcome'>;
  /** Time spent executing (validated calls only), whatever the outcome. */
  duration: Histogram<'tool'>;
}

let metrics: ToolMetrics | undefined;

/** Created on first use rather than at import, so importing the registry registers nothing. */
export function toolMetrics(): ToolMetrics {
  metrics ??= {
    calls: counter({
      name: 'ragline_tool_calls_total',
      help: 'Assistant tool calls by outcome: ok, unknown_tool, invalid_arguments (not executed), timeout, failed, cancelled',
      labelNames: ['tool', 'outcome'],
    }),
    duration: histogram({
      name: 'ragline_tool_duration_seconds',
      help: 'Execution time of assistant tool calls that passed validation',
      labelNames: ['tool'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
  };
  return metrics;
}
