import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MENU, type SeedProduct } from '../../db/seed/demo-tenant.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { catalogReads, PRODUCTS } from './catalog-helpers.js';

/** What the seeded demo menu should answer for a filter, independent of the database's collation. */
const seeded = (predicate: (product: SeedProduct) => boolean) =>
  DEMO_MENU.filter(predicate)
    .map((product) => product.name)
    .sort();

describe('the catalog through the gateway', () => {
  let supergraph: TestSupergraph;
  let customer: string;
  const { names, errorCode } = catalogReads(
    () => supergraph,
    () => customer,
  );

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    customer = await supergraph.token({ sub: 'alice', roles: ['customer'] });
  });
  afterAll(() => supergraph?.close());

  it('filters by each field of ProductFilter', async () => {
    const sorted = async (filter: Record<string, unknown>) => (await names(filter)).sort();
    expect(await sorted({ category: 'pizza' })).toEqual(seeded((p) => p.category === 'pizza'));
    expect(await sorted({ category: 'PIZZA ' })).toEqual(seeded((p) => p.category === 'pizza'));
    expect(await sorted({ vegetarian: true })).toEqual(seeded((p) => p.vegetarian));
    expect(await sorted({ vegan: true })).toEqual(seeded((p) => p.vegan));
    expect(await sorted({ glutenFree: true })).toEqual(seeded((p) => p.glutenFree));
    expect(await sorted({ vegetarian: false })).toEqual(seeded(() => true)); // false means "no constraint"
    expect(await sorted({ excludeAllergens: ['Gluten', 'milk'] })).toEqual(
      seeded((p) => !p.allergens.includes('gluten') && !p.allergens.includes('milk')),
    );
    expect(await sorted({ minPriceCents: 1000 })).toEqual(seeded((p) => p.priceCents >= 1000));
    expect(await sorted({ maxPriceCents: 700 })).toEqual(seeded((p) => p.priceCents <= 700));
    expect(await sorted({ minPriceCents: 1350, maxPriceCents: 1450 })).toEqual(seeded((p) => p.priceCents >= 1350 && p.priceCents <= 1450));
    expect(await sorted({ availableOnly: true })).toEqual(seeded((p) => p.available));
    expect(await sorted({ category: 'pizza', vegetarian: true, availableOnly: true, excludeAllergens: ['tree nuts'] })).toEqual(
      seeded((p) => p.category === 'pizza' && p.vegetarian && p.available && !p.allergens.includes('tree nuts')),
    );
    expect(await sorted({ text: 'linguine' })).toEqual(['Pesto Linguine']);
  });

  it('ranks text search results by relevance', async () => {
    expect((await names({ text: 'vegan pizza' }))[0]).toBe('Garden Pizza (vegan)');
    expect(await names({ text: 'lemon' })).toEqual(['Lemon Sorbet', 'Homemade Lemonade']); // name beats description
    const pizzas = await names({ text: 'pizza' });
    expect(pizzas).toHaveLength(seeded((p) => p.tags.includes('pizza')).length);
    expect(pizzas.slice(0, 3).every((name) => name.includes('Pizza'))).toBe(true); // name beats tags and description
    expect(await names({ text: 'pizza', glutenFree: true })).toEqual(['Gluten-free Margherita']);
  });

  it('pages through filtered listings without duplicates or gaps', async () => {
    for (const filter of [{ text: 'pizza' }, { vegetarian: true, excludeAllergens: ['egg'] }, { availableOnly: true }]) {
      const everything = await names(filter);
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const result: any = await supergraph.request(PRODUCTS, { first: 2, after, filter }, { token: customer });
        expect(result.body.errors).toBeUndefined();
        paged.push(...result.body.data.products.edges.map((edge: any) => edge.node.name));
        after = result.body.data.products.pageInfo.hasNextPage ? result.body.data.products.pageInfo.endCursor : null;
      } while (after);
      expect(paged).toEqual(everything);
      expect(new Set(paged).size).toBe(paged.length);
    }
  });

  it('rejects bad filters with BAD_USER_INPUT', async () => {
    expect(await errorCode(PRODUCTS, { filter: { minPriceCents: 1000, maxPriceCents: 500 } }, customer)).toBe('BAD_USER_INPUT');
    expect(await errorCode(PRODUCTS, { filter: { minPriceCents: -5 } }, customer)).toBe('BAD_USER_INPUT');
    expect(await errorCode(PRODUCTS, { filter: { text: 'x'.repeat(201) } }, customer)).toBe('BAD_USER_INPUT');
    const byName = await supergraph.request(PRODUCTS, { first: 1 }, { token: customer });
    expect(
      await errorCode(PRODUCTS, { first: 1, after: byName.body.data.products.pageInfo.endCursor, filter: { text: 'pizza' } }, customer),
    ).toBe('BAD_USER_INPUT');
  });
});
