import { SubgraphMigration } from '../../migration.js';

export class Migration0001Documents extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('documents')} (
      id uuid primary key,
      tenant_id text not null,
      slug text not null,
      title text not null,
      scope text not null,
      body text not null,
      tags text[] not null default '{}',
      applies_to_order_statuses text[] not null default '{}',
      content_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, slug)
    )`);
    this.addSql(`create index documents_tenant_scope_idx on ${this.table('documents')} (tenant_id, scope)`);
    this.addSql(`create index documents_order_statuses_idx on ${this.table('documents')} using gin (applies_to_order_statuses)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('documents')}`);
  }
}
