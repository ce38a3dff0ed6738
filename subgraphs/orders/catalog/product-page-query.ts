import type { CatalogCursor } from './catalog-cursor.js';
import type { ProductFilter } from './product-filter.js';

/** The text search configuration; migration 0002 builds `products.search_vector` with the same one. */
export const SEARCH_CONFIG = 'english';

const COLUMNS =
  'p.id, p.slug, p.name, p.description, p.category, p.price_cents, p.currency, p.tags, p.allergens, p.vegetarian, p.vegan, p.gluten_free, p.available';

/**
 * One keyset page of a tenant's catalog as SQL with `?` placeholders (the ORM escapes the values it substitutes;
 * nothing a client sends is concatenated here). Without text the order is (name, id); with text only matching
 * products are listed, by `ts_rank` descending, then id, over the weighted `search_vector` (name A, tags B,
 * description C).
 *
 * `table` is the schema-qualified, quoted products table. One row beyond `limit` tells whether a next page exists.
 */
export function productPageQuery(
  table: string,
  tenantId: string,
  filter: ProductFilter,
  after: CatalogCursor | undefined,
  limit: number,
): { sql: string; params: unknown[] } {
  const where = ['p.tenant_id = ?'];
  const params: unknown[] = [tenantId];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.category) add('p.category = ?', filter.category);
  if (filter.vegetarian) add('p.vegetarian');
  if (filter.vegan) add('p.vegan');
  if (filter.glutenFree) add('p.gluten_free');
  if (filter.availableOnly) add('p.available');
  if (filter.excludeAllergens.length > 0) {
    add(`not (p.allergens && array[${filter.excludeAllergens.map(() => '?').join(', ')}]::text[])`, ...filter.excludeAllergens);
  }
  if (filter.minPriceCents !== null) add('p.price_cents >= ?', filter.minPriceCents);
  if (filter.maxPriceCents !== null) add('p.price_cents <= ?', filter.maxPriceCents);

  if (!filter.text) {
    if (after?.order === 'name') add('(p.name, p.id) > (?, ?::uuid)', after.name, after.id);
    return {
      sql: `select ${COLUMNS} from ${table} p where ${where.join(' and ')} order by p.name, p.id limit ?`,
      params: [...params, limit],
    };
  }

  // `real` compared with `real`: the cursor's rank is exactly the value PostgreSQL printed, so ties are found.
  const resume =
    after?.order === 'rank'
      ? {
          sql: ' where ranked.rank < ?::real or (ranked.rank = ?::real and ranked.id > ?::uuid)',
          params: [after.rank, after.rank, after.id],
        }
      : { sql: '', params: [] };
  return {
    sql:
      `select * from (select ${COLUMNS}, ts_rank(p.search_vector, q.query) as rank` +
      ` from ${table} p, websearch_to_tsquery('${SEARCH_CONFIG}', ?) as q(query)` +
      ` where p.search_vector @@ q.query and ${where.join(' and ')}) as ranked${resume.sql}` +
      ` order by ranked.rank desc, ranked.id limit ?`,
    params: [filter.text, ...params, ...resume.params, limit],
  };
}
