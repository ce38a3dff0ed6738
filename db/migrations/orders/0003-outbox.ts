import { SubgraphMigration } from '../../migration.js';

export class Migration0003Outbox extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('outbox')} (
      id bigserial primary key,
      event_id uuid not null unique,
      stream text not null,
      type text not null,
      tenant_id text not null,
      aggregate_id uuid not null,
      aggregate_version integer not null,
      occurred_at timestamptz not null,
      payload jsonb not null,
      published_at timestamptz,
      claimed_until timestamptz,
      claim_token uuid,
      attempts integer not null default 0,
      last_error text
    )`);
    // The relay only ever scans unpublished rows, in insertion order.
    this.addSql(`create index outbox_unpublished_idx on ${this.table('outbox')} (id) where published_at is null`);
    this.addSql(`create index outbox_published_at_idx on ${this.table('outbox')} (published_at) where published_at is not null`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('outbox')}`);
  }
}
