import { Migration } from '@mikro-orm/migrations';

/** Quotes a PostgreSQL identifier: `orders` -> `"orders"`, `a"b` -> `"a""b"`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Base class for a subgraph's migrations.
 *
 * Convention (see ./connection.ts for why): migration SQL always names its objects with the subgraph's schema,
 * obtained at run time, never hard-coded and never via `SET search_path`:
 *
 * ```ts
 * export class Migration0001Products extends SubgraphMigration {
 *   override up(): void {
 *     this.addSql(`create table ${this.table('products')} (id uuid primary key, tenant_id text not null, ...)`);
 *     this.addSql(`create index products_tenant_idx on ${this.table('products')} (tenant_id)`); // index names are unqualified in CREATE INDEX
 *   }
 *   override down(): void {
 *     this.addSql(`drop table ${this.table('products')}`);
 *   }
 * }
 * // registered in order as: [{ name: '0001_products', class: Migration0001Products }, ...]
 * ```
 *
 * - `this.table(name)` / `this.qualify(name)` give `"<schema>"."<name>"` (use `qualify` for sequences, types,
 *   functions and indexes in DROP/ALTER INDEX).
 * - `this.schema` is the bare schema name, e.g. for `comment on schema` or `where table_schema = ?`.
 * - One `addSql` per statement: PGlite runs one statement per query.
 * - The batch of pending migrations runs in one transaction; don't use statements that cannot run in a transaction
 *   (`create index concurrently`).
 * - pgvector types/operators (`vector(384)`, `<=>`) are used unqualified; they live in `public`.
 */
export abstract class SubgraphMigration extends Migration {
  /** The subgraph's schema (unquoted), from the ORM's `schema` option. */
  protected get schema(): string {
    const schema = this.config.get('schema');
    if (!schema) throw new Error(`${this.constructor.name} must run through openSubgraphDatabase() (no schema configured)`);
    return schema;
  }

  /** `"<schema>"."<name>"` for a table in this subgraph's schema. */
  protected table(name: string): string {
    return this.qualify(name);
  }

  /** `"<schema>"."<name>"` for any schema-scoped object (table, index, sequence, type, function). */
  protected qualify(name: string): string {
    return `${quoteIdentifier(this.schema)}.${quoteIdentifier(name)}`;
  }
}
