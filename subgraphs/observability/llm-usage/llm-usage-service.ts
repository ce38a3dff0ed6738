import type { EntityManager } from '@mikro-orm/sql';
import { quoteIdentifier } from '../../../db/migration.js';
import { appError, ErrorCode } from '../../../platform/errors.js';

export const LLM_USAGE_DIMENSIONS = ['MODEL', 'PROVIDER', 'PROMPT', 'OUTCOME'] as const;
export type LlmUsageDimension = (typeof LLM_USAGE_DIMENSIONS)[number];

/** What a bucket is keyed by; PROMPT keys read like the prompt files, e.g. `order-summary.v1`. */
const KEY_SQL: Record<LlmUsageDimension, string> = {
  MODEL: 'model',
  PROVIDER: 'provider',
  PROMPT: `prompt_name || '.v' || prompt_version`,
  OUTCOME: 'outcome',
};

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

/** LLM usage reads, aggregated in SQL. Every query is scoped by tenant here, in the data layer. */
export class LlmUsageService {
  constructor(
    private readonly em: () => EntityManager,
    private readonly schema: string,
  ) {}

  /** One bucket per key, most expensive first. Sums come back as float8 so they stay JS numbers (exact below 2^53). */
  async usage(tenantId: string, groupBy: LlmUsageDimension, range: TimeRange = {}): Promise<LlmUsageBucket[]> {
    const { since, until } = range;
    if (since && until && since >= until) throw appError(ErrorCode.BadUserInput, 'since must be before until', { argumentName: 'since' });
    const conditions = ['tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (since) {
      conditions.push('occurred_at >= ?');
      params.push(since);
    }
    if (until) {
      conditions.push('occurred_at < ?');
      params.push(until);
    }
    const sql = `select ${KEY_SQL[groupBy]} as "key",
        count(*)::int as "calls",
        sum(input_tokens)::float8 as "inputTokens",
        sum(output_tokens)::float8 as "outputTokens",
        sum(cost_micros)::float8 as "costMicros",
        (count(*) filter (where outcome = 'error'))::float8 / count(*) as "errorRate",
        percentile_cont(0.5) within group (order by latency_ms) as "latencyP50Ms",
        percentile_cont(0.95) within group (order by latency_ms) as "latencyP95Ms",
        percentile_cont(0.95) within group (order by time_to_first_token_ms) as "timeToFirstTokenP95Ms"
      from ${quoteIdentifier(this.schema)}.llm_calls
      where ${conditions.join(' and ')}
      group by 1
      order by "costMicros" desc, "key" asc`;
    return this.em().execute<LlmUsageBucket[]>(sql, params);
  }
}
