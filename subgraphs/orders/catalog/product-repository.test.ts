import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { ordersMigrations } from '../../../db/migrations/orders/index.js';
import { seedOrders } from '../seed-demo-tenant.js';
import { createLogger } from '../../../platform/logger.js';
import { ProductEntity } from './product.entity.js';
import type { CatalogCursor } from './catalog-cursor.js';
import { decodeCatalogCursor } from './catalog-cursor.js';
import { normalizeProductFilter, type ProductFilterInput } from './product-filter.js';
import { validateNewProduct } from './product-input.js';
import { ProductRepository } from './product-repository.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'pglite:memory';
const schema = `c${randomBytes(3).toString('hex')}_orders`;

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error) => error.extensions?.code ?? error.message,
  );

describe(`ProductRepository on ${url.startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: SubgraphDatabase;
  let products: ProductRepository;

  async function names(filter: ProductFilterInput, first = 100, tenant = 'demo'): Promise<string[]> {
    const page = await products.listPage(tenant, normalizeProductFilter(filter), undefined, first);
    return page.edges.map((edge) => edge.node.name);
  }

  async function allPages(filter: ProductFilterInput, first: number): Promise<string[]> {
    const normalized = normalizeProductFilter(filter);
    const seen: string[] = [];
    let after: CatalogCursor | undefined;
    for (;;) {
      const page = await products.listPage('demo', normalized, after, first);
      seen.push(...page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasNextPage) return seen;
      after = decodeCatalogCursor(page.pageInfo.endCursor!, normalized.text ? 'rank' : 'name');
    }
  }

  beforeAll(async () => {
    database = await openSubgraphDatabase({
      subgraph: 'orders',
      url,
      schema,
      entities: [ProductEntity],
      migrations: ordersMigrations,
      logger,
    });
    await seedOrders(database.em());
    products = new ProductRepository(() => database.em());
    await products.create(
      'other-shop',
      validateNewProduct({ name: 'Margherita Pizza', category: 'pizza', priceCents: 900, currency: 'USD', tags: ['pizza'] }),
    );
  });

  afterAll(async () => {
    await database?.close();
    await closeAllEmbeddedPglite();
    if (url.startsWith('postgres')) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });

  it('filters by category, dietary flags, allergens, price and availability, in name order', async () => {
    expect(await names({ category: 'desserts' })).toEqual(['Lemon Sorbet', 'Tiramisu']);
    expect(await names({ vegan: true })).toEqual(['Garden Pizza (vegan)', 'Homemade Lemonade', 'Lemon Sorbet', 'Quinoa Power Bowl']);
    expect(await names({ glutenFree: true, vegetarian: true, excludeAllergens: ['sesame'] })).toEqual([
      'Gluten-free Margherita',
      'Homemade Lemonade',
      'Lemon Sorbet',
    ]);
    expect(await names({ category: 'pizza', excludeAllergens: ['milk'] })).toEqual(['Garden Pizza (vegan)']);
    expect(await names({ minPriceCents: 1400, maxPriceCents: 1450 })).toEqual(['Diavola Pizza', 'Gluten-free Margherita']);
    expect(await names({ category: 'pizza', availableOnly: true })).not.toContain('Truffle Special');
    expect(await names({ category: 'pizza' })).toContain('Truffle Special');
  });

  it('ranks text matches by weight: name before tags before description', async () => {
    expect(await names({ text: 'vegan pizza' })).toEqual(['Garden Pizza (vegan)']);
    expect(await names({ text: 'lemon' })).toEqual(['Lemon Sorbet', 'Homemade Lemonade']);
    const pizzas = await names({ text: 'pizza' });
    expect(pizzas.slice(0, 3).every((name) => name.includes('Pizza'))).toBe(true);
    expect(pizzas.slice(3).sort()).toEqual(['Gluten-free Margherita', 'Truffle Special']);
    expect(await names({ text: 'pizza', glutenFree: true })).toEqual(['Gluten-free Margherita']);
    expect(await names({ text: 'the' })).toEqual([]); // only stop words: nothing to match
  });

  it('pages through ranked and named listings without duplicates or gaps, across equal ranks', async () => {
    for (const first of [1, 2, 3]) {
      expect(await allPages({ text: 'pizza' }, first)).toEqual(await names({ text: 'pizza' }));
      expect(await allPages({ vegetarian: true }, first)).toEqual(await names({ vegetarian: true }));
    }
  });

  it('keeps tenants apart and treats quotes and backslashes in input as text', async () => {
    expect(await names({}, 100, 'other-shop')).toEqual(['Margherita Pizza']);
    expect(await names({ text: 'o\'brien \\ "pizza' }, 100, 'nobody')).toEqual([]);
    expect(await names({ category: "x' or '1'='1" })).toEqual([]);
  });

  it('creates and renames with unique slugs per tenant, and re-indexes the search text', async () => {
    expect(
      await codeOf(
        products.create('demo', validateNewProduct({ name: 'Margherita  pizza', category: 'pizza', priceCents: 1, currency: 'EUR' })),
      ),
    ).toBe(undefined);
    expect(
      await codeOf(
        products.create('demo', validateNewProduct({ name: 'Margherita Pizza!', category: 'pizza', priceCents: 1, currency: 'EUR' })),
      ),
    ).toBe('PRODUCT_SLUG_TAKEN');

    const calzone = await products.create(
      'demo',
      validateNewProduct({ name: 'Calzone', category: 'pizza', priceCents: 1200, currency: 'EUR' }),
    );
    expect(await names({ text: 'folded' })).toEqual([]);
    const renamed = await products.update('demo', calzone.id, (current) => ({
      ...current,
      name: 'Folded Calzone',
      slug: 'folded-calzone',
    }));
    expect(renamed).toMatchObject({ id: calzone.id, name: 'Folded Calzone', slug: 'folded-calzone' });
    expect(await names({ text: 'folded' })).toEqual(['Folded Calzone']);
    expect(await codeOf(products.update('demo', calzone.id, (current) => ({ ...current, name: 'Tiramisu', slug: 'tiramisu' })))).toBe(
      'PRODUCT_SLUG_TAKEN',
    );
  });

  it("answers NOT_FOUND for another tenant's product and for IDs that are not UUIDs", async () => {
    const [theirs] = await products.findByIds('other-shop', [
      (await products.listPage('other-shop', normalizeProductFilter({}), undefined, 1)).edges[0]!.node.id,
    ]);
    expect(await codeOf(products.update('demo', theirs!.id, (current) => current))).toBe('NOT_FOUND');
    expect(await codeOf(products.update('demo', 'nope', (current) => current))).toBe('NOT_FOUND');
    expect(await products.findByIds('demo', [theirs!.id, 'nope'])).toEqual([null, null]);
  });
});
