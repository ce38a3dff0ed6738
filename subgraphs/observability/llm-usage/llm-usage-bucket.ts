/** What LLM usage is grouped by; PROMPT keys read like the prompt files, e.g. `order-summary.v1`. */
export const LLM_USAGE_DIMENSIONS = ['MODEL', 'PROVIDER', 'PROMPT', 'OUTCOME'] as const;
export type LlmUsageDimension = (typeof LLM_USAGE_DIMENSIONS)[number];

export interface LlmUsageBucket {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  errorRate: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  timeToFirstTokenP95Ms: number | null;
}

export interface TimeRange {
  /** Inclusive. */
  since?: Date | null;
  /** Exclusive. */
  until?: Date | null;
}
