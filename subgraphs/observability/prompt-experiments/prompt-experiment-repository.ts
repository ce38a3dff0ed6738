import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import type { TimeRange } from '../llm-usage/llm-usage-bucket.js';

/** One variant's calls and ratings, aggregated in SQL. Means and sample variances come back as float8. */
export interface VariantAggregate {
  variant: string;
  calls: number;
  errors: number;
  costMicros: number;
  latencyMean: number;
  latencyVariance: number;
  tokensMean: number;
  tokensVariance: number;
  costMean: number;
  costVariance: number;
  ratings: number;
  thumbsUp: number;
}

/**
 * Reads of llm_calls and message_ratings for one prompt of one tenant. Only calls that recorded their variant count:
 * older calls (before variants were recorded) cannot be assigned to an arm of the experiment.
 */
export class PromptExperimentRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  async variants(tenantId: string, promptName: string, { since, until }: TimeRange): Promise<VariantAggregate[]> {
    const schema = quoteIdentifier(this.database.schema);
    const conditions = ['tenant_id = ?', 'prompt_name = ?', 'prompt_variant is not null'];
    const params: unknown[] = [tenantId, promptName];
    if (since) {
      conditions.push('occurred_at >= ?');
      params.push(since);
    }
    if (until) {
      conditions.push('occurred_at < ?');
      params.push(until);
    }
    const where = conditions.join(' and ');
    // A rating belongs to the variant that produced the rated message (one variant per message: it is sticky per user).
    const sql = `with calls as (select * from ${schema}.llm_calls where ${where}),
      rated as (
        select m.prompt_variant as variant, count(*)::int as ratings, (count(*) filter (where r.rating = 'UP'))::int as "thumbsUp"
        from (select distinct message_id, prompt_variant from calls where message_id is not null) m
        join ${schema}.message_ratings r on r.tenant_id = ? and r.message_id = m.message_id
        group by 1)
      select c.prompt_variant as variant,
        count(*)::int as calls,
        (count(*) filter (where c.outcome = 'error'))::int as errors,
        sum(c.cost_micros)::float8 as "costMicros",
        avg(c.latency_ms)::float8 as "latencyMean",
        coalesce(var_samp(c.latency_ms), 0)::float8 as "latencyVariance",
        avg(c.input_tokens + c.output_tokens)::float8 as "tokensMean",
        coalesce(var_samp(c.input_tokens + c.output_tokens), 0)::float8 as "tokensVariance",
        avg(c.cost_micros)::float8 as "costMean",
        coalesce(var_samp(c.cost_micros), 0)::float8 as "costVariance",
        coalesce(max(rated.ratings), 0)::int as ratings,
        coalesce(max(rated."thumbsUp"), 0)::int as "thumbsUp"
      from calls c left join rated on rated.variant = c.prompt_variant
      group by c.prompt_variant
      order by c.prompt_variant`;
    return this.database.em().execute<VariantAggregate[]>(sql, [...params, tenantId]);
  }
}
