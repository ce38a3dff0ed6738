import { SubgraphMigration } from '../../migration.js';

export class Migration0002OrderActivity extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('order_activity')} (
      event_id uuid primary key,
      tenant_id text not null,
      order_id uuid not null,
      customer_id text not null,
      type text not null,
      status text not null,
      order_version integer not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now()
    )`);
    this.addSql(`create index order_activity_order_idx on ${this.table('order_activity')} (tenant_id, order_id, occurred_at)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('order_activity')}`);
  }
}
