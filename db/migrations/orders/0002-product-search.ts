import { SubgraphMigration } from '../../migration.js';

/**
 * Full-text search over the catalog: a generated, weighted `search_vector` (name A, tags B, description C) with a GIN
 * index. The configuration ('english') must match the one the catalog queries with (SEARCH_CONFIG in
 * subgraphs/orders/catalog/product-page-query.ts).
 *
 * A generated column may only call immutable functions, and `array_to_string` is merely stable (it depends on the
 * element type's output function), so the tags go through a small wrapper that is declared immutable: for `text[]`
 * the result never changes.
 */
export class Migration0002ProductSearch extends SubgraphMigration {
  override up(): void {
    this.addSql(
      `create function ${this.qualify('product_search_tags')}(tags text[]) returns text language sql immutable parallel safe ` +
        `as $$ select pg_catalog.array_to_string(tags, ' ') $$`,
    );
    this.addSql(`alter table ${this.table('products')} add column search_vector tsvector generated always as (
      setweight(to_tsvector('english'::regconfig, name), 'A') ||
      setweight(to_tsvector('english'::regconfig, ${this.qualify('product_search_tags')}(tags)), 'B') ||
      setweight(to_tsvector('english'::regconfig, description), 'C')
    ) stored`);
    this.addSql(`create index products_search_idx on ${this.table('products')} using gin (search_vector)`);
    this.addSql(`create index products_tenant_category_idx on ${this.table('products')} (tenant_id, category, name, id)`);
  }

  override down(): void {
    this.addSql(`drop index ${this.qualify('products_tenant_category_idx')}`);
    this.addSql(`drop index ${this.qualify('products_search_idx')}`);
    this.addSql(`alter table ${this.table('products')} drop column search_vector`);
    this.addSql(`drop function ${this.qualify('product_search_tags')}(text[])`);
  }
}
