import { SubgraphMigration } from '../../migration.js';

/**
 * Order pricing (discount, tax, promo code), per-tenant tax settings and promotions with their redemptions.
 * Existing orders keep discount 0 and tax 0, which is what they were charged.
 */
export class Migration0004PricingAndPromotions extends SubgraphMigration {
  override up(): void {
    this.addSql(`alter table ${this.table('orders')} add column discount_cents integer not null default 0 check (discount_cents >= 0)`);
    this.addSql(`alter table ${this.table('orders')} add column tax_cents integer not null default 0 check (tax_cents >= 0)`);
    this.addSql(`alter table ${this.table('orders')} add column promo_code text`);
    this.addSql(
      `alter table ${this.table('orders')} add constraint orders_discount_within_subtotal check (discount_cents <= subtotal_cents)`,
    );
    // Query.orders for staff: newest first across the tenant, keyset on (created_at, id).
    this.addSql(`create index orders_tenant_created_idx on ${this.table('orders')} (tenant_id, created_at desc, id desc)`);

    this.addSql(`create table ${this.table('tenant_settings')} (
      tenant_id text primary key,
      tax_rate_bp integer not null default 0 check (tax_rate_bp between 0 and 10000),
      updated_at timestamptz not null default now()
    )`);

    // Codes are stored upper-case (the check makes raw inserts obey too), so plain uniqueness is case-insensitive.
    this.addSql(`create table ${this.table('promotions')} (
      id uuid primary key,
      tenant_id text not null,
      code text not null check (code = upper(code) and length(code) between 3 and 32),
      kind text not null check (kind in ('PERCENT','FIXED')),
      value integer not null check (value > 0 and (kind <> 'PERCENT' or value <= 10000)),
      min_subtotal_cents integer not null default 0 check (min_subtotal_cents >= 0),
      valid_from timestamptz,
      valid_until timestamptz,
      max_redemptions integer check (max_redemptions > 0),
      max_redemptions_per_customer integer check (max_redemptions_per_customer > 0),
      redemptions integer not null default 0 check (redemptions >= 0),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, code),
      check (valid_from is null or valid_until is null or valid_from < valid_until),
      check (max_redemptions is null or redemptions <= max_redemptions)
    )`);

    this.addSql(`create table ${this.table('promotion_redemptions')} (
      id uuid primary key,
      tenant_id text not null,
      promotion_id uuid not null references ${this.table('promotions')} (id),
      order_id uuid not null unique references ${this.table('orders')} (id),
      customer_id text not null,
      created_at timestamptz not null default now(),
      released_at timestamptz
    )`);
    this.addSql(
      `create index promotion_redemptions_customer_idx on ${this.table('promotion_redemptions')} (promotion_id, customer_id) where released_at is null`,
    );
  }

  override down(): void {
    this.addSql(`drop table ${this.table('promotion_redemptions')}`);
    this.addSql(`drop table ${this.table('promotions')}`);
    this.addSql(`drop table ${this.table('tenant_settings')}`);
    this.addSql(`drop index ${this.qualify('orders_tenant_created_idx')}`);
    this.addSql(`alter table ${this.table('orders')} drop constraint orders_discount_within_subtotal`);
    this.addSql(`alter table ${this.table('orders')} drop column promo_code`);
    this.addSql(`alter table ${this.table('orders')} drop column tax_cents`);
    this.addSql(`alter table ${this.table('orders')} drop column discount_cents`);
  }
}
