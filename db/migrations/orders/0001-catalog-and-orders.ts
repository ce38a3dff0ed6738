import { SubgraphMigration } from '../../migration.js';

export class Migration0001CatalogAndOrders extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('products')} (
      id uuid primary key,
      tenant_id text not null,
      slug text not null,
      name text not null,
      description text not null default '',
      category text not null,
      price_cents integer not null check (price_cents >= 0),
      currency char(3) not null,
      tags text[] not null default '{}',
      allergens text[] not null default '{}',
      vegetarian boolean not null default false,
      vegan boolean not null default false,
      gluten_free boolean not null default false,
      available boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, slug)
    )`);
    this.addSql(`create index products_tenant_name_idx on ${this.table('products')} (tenant_id, name, id)`);
    this.addSql(`create table ${this.table('orders')} (
      id uuid primary key,
      tenant_id text not null,
      customer_id text not null,
      status text not null check (status in ('PENDING','CONFIRMED','PREPARING','READY','COMPLETED','CANCELLED')),
      lines jsonb not null,
      subtotal_cents integer not null check (subtotal_cents >= 0),
      total_cents integer not null check (total_cents >= 0),
      currency char(3) not null,
      idempotency_key text not null,
      request_hash text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, idempotency_key)
    )`);
    this.addSql(`create index orders_tenant_customer_idx on ${this.table('orders')} (tenant_id, customer_id, created_at desc)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('orders')}`);
    this.addSql(`drop table ${this.table('products')}`);
  }
}
