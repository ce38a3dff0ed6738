import type { MigrationObject } from '@mikro-orm/core';
import { SubgraphMigration } from '../migration.js';

export class Migration0001Widgets extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('widgets')} (
      id uuid primary key,
      tenant_id text not null,
      name text not null,
      price_cents integer not null check (price_cents >= 0),
      created_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('widgets')}`);
  }
}

export class Migration0002WidgetsTenantIndex extends SubgraphMigration {
  override up(): void {
    this.addSql(`create index widgets_tenant_created_idx on ${this.table('widgets')} (tenant_id, created_at desc)`);
  }

  override down(): void {
    this.addSql(`drop index ${this.qualify('widgets_tenant_created_idx')}`);
  }
}

/** In order; the names are recorded in "<schema>".mikro_orm_migrations. */
export const widgetMigrations: MigrationObject[] = [
  { name: '0001_widgets', class: Migration0001Widgets },
  { name: '0002_widgets_tenant_index', class: Migration0002WidgetsTenantIndex },
];
