import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import { LlmCallEntity, type LlmCall } from './llm-call.entity.js';
import type { LlmUsageBucket, LlmUsageDimension, UsageQuery, UsageScope } from './llm-usage-bucket.js';

/** What a bucket is keyed by, in SQL over llm_calls. Calls from before variants were recorded have the variant `(none)`. */
const KEY_SQL: Record<LlmUsageDimension, string> = {
  MODEL: 'model',
  PROVIDER: 'provider',
  PROMPT: `prompt_name || '.v' || prompt_version`,
  VARIANT: `prompt_name || '.v' || prompt_version || ':' || coalesce(prompt_variant, '(none)')`,
  OUTCOME: 'outcome',
  TENANT: 'tenant_id',
};

type UsageRow = Omit<LlmUsageBucket, 'key' | 'keyParts' | 'bucketStart'> & { bucketStart: Date | string | null } & Record<string, unknown>;

/**
 * The llm_calls table. Every read is scoped here, in the data layer: to one tenant, or to all tenants only when the
 * caller passes the all-tenants scope (the resolver allows it to operators alone).
 */
export class LlmUsageRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  /** Stores one call unless its eventId is already stored (the unique event_id makes redeliveries a no-op); true when stored. */
  async insertOnce(call: LlmCall): Promise<boolean> {
    const result = await this.database.em().createQueryBuilder(LlmCallEntity).insert(call).onConflict('eventId').ignore().execute('run');
    return result.affectedRows > 0;
  }

  /**
   * One bucket per key (and time bucket when `interval` is set): the series in time order, most expensive first within
   * a time bucket. Sums come back as float8 so they stay JS numbers (exact below 2^53).
   */
  async usage(scope: UsageScope, groupBy: readonly LlmUsageDimension[], { since, until, interval }: UsageQuery): Promise<LlmUsageBucket[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if ('tenantId' in scope) {
      conditions.push('tenant_id = ?');
      params.push(scope.tenantId);
    }
    if (since) {
      conditions.push('occurred_at >= ?');
      params.push(since);
    }
    if (until) {
      conditions.push('occurred_at < ?');
      params.push(until);
    }
    const keys = groupBy.map((dimension, index) => `${KEY_SQL[dimension]} as "k${index}"`);
    // date_trunc on timestamptz follows the session time zone: stated as UTC so buckets do not move with the server's.
    const bucket = interval
      ? `date_trunc('${interval.toLowerCase()}', occurred_at at time zone 'UTC') at time zone 'UTC'`
      : 'null::timestamptz';
    const groups = [...groupBy.keys()].map((index) => index + 2).join(', ');
    const sql = `select ${bucket} as "bucketStart", ${keys.join(', ')},
        count(*)::int as "calls",
        sum(input_tokens)::float8 as "inputTokens",
        sum(output_tokens)::float8 as "outputTokens",
        sum(cost_micros)::float8 as "costMicros",
        (count(*) filter (where outcome = 'error'))::float8 / count(*) as "errorRate",
        percentile_cont(0.5) within group (order by latency_ms) as "latencyP50Ms",
        percentile_cont(0.95) within group (order by latency_ms) as "latencyP95Ms",
        percentile_cont(0.95) within group (order by time_to_first_token_ms) as "timeToFirstTokenP95Ms"
      from ${quoteIdentifier(this.database.schema)}.llm_calls
      ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
      group by 1, ${groups}
      order by 1 asc nulls first, "costMicros" desc, ${groups}`;
    const rows = await this.database.em().execute<UsageRow[]>(sql, params);
    return rows.map((row) => {
      const keyParts = groupBy.map((_dimension, index) => String(row[`k${index}`]));
      const { bucketStart, calls, inputTokens, outputTokens, costMicros, errorRate, latencyP50Ms, latencyP95Ms, timeToFirstTokenP95Ms } =
        row;
      return {
        key: keyParts.join(' / '),
        keyParts,
        bucketStart: bucketStart === null ? null : new Date(bucketStart),
        calls,
        inputTokens,
        outputTokens,
        costMicros,
        errorRate,
        latencyP50Ms,
        latencyP95Ms,
        timeToFirstTokenP95Ms,
      };
    });
  }
}
