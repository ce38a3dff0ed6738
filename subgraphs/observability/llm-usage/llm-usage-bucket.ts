/** What LLM usage is grouped by; PROMPT keys read like the prompt files, e.g. `order-summary.v1`. TENANT is for operators. */
export const LLM_USAGE_DIMENSIONS = ['MODEL', 'PROVIDER', 'PROMPT', 'VARIANT', 'OUTCOME', 'TENANT'] as const;
export type LlmUsageDimension = (typeof LLM_USAGE_DIMENSIONS)[number];

/** Time buckets of a usage series (UTC). */
export const LLM_USAGE_INTERVALS = ['HOUR', 'DAY'] as const;
export type LlmUsageInterval = (typeof LLM_USAGE_INTERVALS)[number];

/** Whose calls are read: one tenant's, or (operators only, checked by the resolver) every tenant's. */
export type UsageScope = { tenantId: string } | { allTenants: true };

export interface LlmUsageBucket {
  /** The key parts joined by ` / `; with one dimension, the part itself. */
  key: string;
  /** One value per groupBy dimension, in its order. */
  keyParts: string[];
  /** Start of the time bucket when a series was asked for, else null. */
  bucketStart: Date | null;
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

export interface UsageQuery extends TimeRange {
  interval?: LlmUsageInterval | null;
}
