import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import { LlmCallEntity, type LlmCall } from './llm-call.entity.js';
import type { LlmUsageBucket, LlmUsageDimension, TimeRange } from './llm-usage-bucket.js';

/** What a bucket is keyed by, in SQL over llm_calls. */
const KEY_SQL: Record<LlmUsageDimension, string> = {
  MODEL: 'model',
  PROVIDER: 'provider',
  PROMPT: `prompt_name || '.v' || prompt_version`,
  OUTCOME: 'outcome',
};

/** The llm_calls table. Every read is scoped by tenant here, in the data layer; every row carries its tenant. */
export class LlmUsageRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  /** Stores one call unless its eventId is already stored (the unique event_id makes redeliveries a no-op); true when stored. */
  async insertOnce(call: LlmCall): Promise<boolean> {
    const result = await this.database.em().createQueryBuilder(LlmCallEntity).insert(call).onConflict('eventId').ignore().execute('run');
    return result.affectedRows > 0;
  }

  /** One bucket per key, most expensive first. Sums come back as float8 so they stay JS numbers (exact below 2^53). */
  async usage(tenantId: string, groupBy: LlmUsageDimension, { since, until }: TimeRange): Promise<LlmUsageBucket[]> {
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
      from ${quoteIdentifier(this.database.schema)}.llm_calls
      where ${conditions.join(' and ')}
      group by 1
      order by "costMicros" desc, "key" asc`;
    return this.database.em().execute<LlmUsageBucket[]>(sql, params);
  }
}
