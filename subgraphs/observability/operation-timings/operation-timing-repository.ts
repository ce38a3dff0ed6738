import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import type { OperationTimingPayload } from '../../../platform/events/contracts/operation-timing-event.js';
import type { TimeRange } from '../llm-usage/llm-usage-bucket.js';

export interface OperationTotals {
  operationName: string;
  calls: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  /** Summed over the windows, bucket by bucket. */
  histogram: number[];
}

/** operation_timings: one row per event and operation; reads are scoped to one tenant. */
export class OperationTimingRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  private get table(): string {
    return `${quoteIdentifier(this.database.schema)}.operation_timings`;
  }

  /** Stores a window once: a redelivered event's rows already exist (primary key event_id, operation_name). */
  async insertWindow(eventId: string, tenantId: string, payload: OperationTimingPayload): Promise<void> {
    for (const operation of payload.operations) {
      await this.database.em().execute(
        `insert into ${this.table} (event_id, tenant_id, operation_name, window_start, window_seconds, calls, errors, total_ms, max_ms, histogram)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::integer[]) on conflict do nothing`,
        [
          eventId,
          tenantId,
          operation.operationName,
          new Date(payload.windowStart),
          payload.windowSeconds,
          operation.calls,
          operation.errors,
          operation.totalMs,
          operation.maxMs,
          `{${operation.histogram.join(',')}}`,
        ],
      );
    }
  }

  async totals(tenantId: string, { since, until }: TimeRange): Promise<OperationTotals[]> {
    const conditions = ['tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (since) {
      conditions.push('window_start >= ?');
      params.push(since);
    }
    if (until) {
      conditions.push('window_start < ?');
      params.push(until);
    }
    const where = conditions.join(' and ');
    // Histograms add up element-wise: unnest with the bucket's position, sum per position, fold back into an array.
    const sql = `with totals as (
        select operation_name, sum(calls)::int as calls, sum(errors)::int as errors, sum(total_ms)::float8 as "totalMs",
          max(max_ms)::int as "maxMs"
        from ${this.table} where ${where} group by 1),
      buckets as (
        select operation_name, bucket.position, sum(bucket.calls)::int as calls
        from ${this.table}, unnest(histogram) with ordinality as bucket(calls, position)
        where ${where} group by 1, 2)
      select t.operation_name as "operationName", t.calls, t.errors, t."totalMs", t."maxMs",
        array_agg(b.calls order by b.position) as histogram
      from totals t join buckets b using (operation_name)
      group by 1, 2, 3, 4, 5`;
    return this.database.em().execute<OperationTotals[]>(sql, [...params, ...params]);
  }
}
