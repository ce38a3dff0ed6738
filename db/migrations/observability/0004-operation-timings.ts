import { SubgraphMigration } from '../../migration.js';

/** Per tenant, operation and minute: the gateway's operation_timing_v1 windows, with a fixed duration histogram. */
export class Migration0004OperationTimings extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('operation_timings')} (
      event_id text not null,
      tenant_id text not null,
      operation_name text not null,
      window_start timestamptz not null,
      window_seconds integer not null check (window_seconds > 0),
      calls integer not null check (calls > 0),
      errors integer not null check (errors >= 0),
      total_ms bigint not null check (total_ms >= 0),
      max_ms integer not null check (max_ms >= 0),
      histogram integer[] not null,
      primary key (event_id, operation_name)
    )`);
    this.addSql(`create index operation_timings_tenant_window_idx on ${this.table('operation_timings')} (tenant_id, window_start)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('operation_timings')}`);
  }
}
