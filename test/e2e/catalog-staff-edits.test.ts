import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { catalogReads, PRODUCTS } from './catalog-helpers.js';

const PRODUCT = /* GraphQL */ `
  query Product($id: ID!) {
    product(id: $id) {
      id
      slug
      name
      priceCents
      available
      vegan
      vegetarian
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      slug
      name
      priceCents
      currency
      available
      vegan
      vegetarian
      tags
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      slug
      name
      priceCents
    }
  }
`;
const SET_AVAILABILITY = /* GraphQL */ `
  mutation Availability($id: ID!, $available: Boolean!) {
    setProductAvailability(id: $id, available: $available) {
      id
      available
    }
  }
`;

describe('the catalog through the gateway', () => {
  let supergraph: TestSupergraph;
  let customer: string;
  const { names, errorCode } = catalogReads(
    () => supergraph,
    () => customer,
  );
  const cacheHits = async () => {
    const text = await (await fetch(supergraph.subgraphs.orders.url.replace('/graphql', '/metrics'))).text();
    return Number(/^ragline_catalog_cache_requests_total\{result="hit"\} (\S+)$/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    customer = await supergraph.token({ sub: 'alice', roles: ['customer'] });
  });
  afterAll(() => supergraph?.close());

  describe('staff edits', () => {
    let staff: string;
    let shopper: string;
    beforeAll(async () => {
      // A tenant of its own: its catalog starts empty, and the demo tenant is the other tenant.
      staff = await supergraph.token({ tenant: 'bistro', sub: 'sam', roles: ['staff'] });
      shopper = await supergraph.token({ tenant: 'bistro', sub: 'carol', roles: ['customer'] });
    });

    it('are visible to the next read even when the previous read was cached', async () => {
      expect(await names({ availableOnly: true }, shopper)).toEqual([]);
      const hits = await cacheHits();
      expect(await names({ availableOnly: true }, shopper)).toEqual([]); // served from the cache
      expect(await cacheHits()).toBeGreaterThan(hits);

      const created = await supergraph.request(
        CREATE,
        { input: { name: 'Vegan Calzone', category: 'Pizza', priceCents: 1390, currency: 'eur', vegan: true, tags: ['Pizza', 'folded'] } },
        { token: staff },
      );
      expect(created.body.errors).toBeUndefined();
      const calzone = created.body.data.createProduct;
      expect(calzone).toMatchObject({
        slug: 'vegan-calzone',
        currency: 'EUR',
        available: true,
        vegan: true,
        vegetarian: true,
        tags: ['pizza', 'folded'],
      });
      expect(await names({ availableOnly: true }, shopper)).toEqual(['Vegan Calzone']);
      expect(await names({ text: 'folded' }, shopper)).toEqual(['Vegan Calzone']);

      const read = async () => (await supergraph.request(PRODUCT, { id: calzone.id }, { token: shopper })).body.data.product;
      expect(await read()).toMatchObject({ priceCents: 1390 });
      expect(await read()).toMatchObject({ priceCents: 1390 }); // cached by id now

      const updated = await supergraph.request(
        UPDATE,
        { id: calzone.id, input: { priceCents: 1490, description: 'Folded, with spinach.' } },
        { token: staff },
      );
      expect(updated.body.errors).toBeUndefined();
      expect(updated.body.data.updateProduct).toMatchObject({ priceCents: 1490, slug: 'vegan-calzone' });
      expect(await read()).toMatchObject({ priceCents: 1490 });
      expect(
        (await supergraph.request(PRODUCTS, { filter: { text: 'spinach' } }, { token: shopper })).body.data.products.edges[0].node,
      ).toMatchObject({ id: calzone.id, priceCents: 1490 });

      const soldOut = await supergraph.request(SET_AVAILABILITY, { id: calzone.id, available: false }, { token: staff });
      expect(soldOut.body.data.setProductAvailability).toEqual({ id: calzone.id, available: false });
      expect(await read()).toMatchObject({ available: false });
      expect(await names({ availableOnly: true }, shopper)).toEqual([]);
      expect(await names({}, shopper)).toEqual(['Vegan Calzone']);

      const renamed = await supergraph.request(UPDATE, { id: calzone.id, input: { name: 'Calzone Verde' } }, { token: staff });
      expect(renamed.body.data.updateProduct).toMatchObject({ name: 'Calzone Verde', slug: 'calzone-verde' });
      expect(await names({}, shopper)).toEqual(['Calzone Verde']);
    });

    it('refuses invalid products and duplicate slugs with clear codes', async () => {
      const input = { name: 'Espresso', category: 'drinks', priceCents: 250, currency: 'EUR' };
      expect((await supergraph.request(CREATE, { input }, { token: staff })).body.errors).toBeUndefined();
      expect(await errorCode(CREATE, { input: { ...input, name: ' espresso! ' } }, staff)).toBe('PRODUCT_SLUG_TAKEN');
      expect(await errorCode(CREATE, { input: { ...input, name: 'Ristretto', priceCents: -1 } }, staff)).toBe('BAD_USER_INPUT');
      expect(await errorCode(CREATE, { input: { ...input, name: 'Ristretto', currency: 'EURO' } }, staff)).toBe('BAD_USER_INPUT');
      expect(await errorCode(CREATE, { input: { ...input, name: '' } }, staff)).toBe('BAD_USER_INPUT');
      expect(await errorCode(CREATE, { input: { ...input, name: 'Ristretto', priceCents: 2.5 } }, staff)).toBe('BAD_USER_INPUT'); // not an Int
      const other = await supergraph.request(CREATE, { input: { ...input, name: 'Doppio' } }, { token: staff });
      expect(await errorCode(UPDATE, { id: other.body.data.createProduct.id, input: { name: 'ESPRESSO' } }, staff)).toBe(
        'PRODUCT_SLUG_TAKEN',
      );
    });

    it('are forbidden to customers and anonymous callers', async () => {
      const [existing] = (await supergraph.request(PRODUCTS, { first: 1 }, { token: shopper })).body.data.products.edges;
      const id = existing.node.id;
      const input = { name: 'Sneaky', category: 'x', priceCents: 1, currency: 'EUR' };
      expect(await errorCode(CREATE, { input }, shopper)).toBe('FORBIDDEN');
      expect(await errorCode(UPDATE, { id, input: { priceCents: 1 } }, shopper)).toBe('FORBIDDEN');
      expect(await errorCode(SET_AVAILABILITY, { id, available: true }, shopper)).toBe('FORBIDDEN');
      expect((await supergraph.request(CREATE, { input })).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await supergraph.request(PRODUCT, { id }, { token: shopper })).body.data.product.priceCents).not.toBe(1);
    });

    it("keep another tenant's products out of reach: not listed, not readable, NOT_FOUND to change", async () => {
      const created = await supergraph.request(
        CREATE,
        { input: { name: 'Bistro Secret', category: 'specials', priceCents: 999, currency: 'EUR' } },
        { token: staff },
      );
      const id = created.body.data.createProduct.id;
      const demoAdmin = await supergraph.token({ tenant: 'demo', sub: 'root', roles: ['admin'] });
      expect((await supergraph.request(PRODUCT, { id }, { token: demoAdmin })).body.data.product).toBeNull();
      expect(await names({ text: 'secret' }, demoAdmin)).toEqual([]);
      expect(await errorCode(UPDATE, { id, input: { priceCents: 1 } }, demoAdmin)).toBe('NOT_FOUND');
      expect(await errorCode(SET_AVAILABILITY, { id, available: false }, demoAdmin)).toBe('NOT_FOUND');
      expect((await supergraph.request(PRODUCT, { id }, { token: shopper })).body.data.product).toMatchObject({
        priceCents: 999,
        available: true,
      });
      // the demo tenant's identical listing query is cached separately
      expect(await names({ category: 'specials' }, demoAdmin)).toEqual([]);
      expect(await names({ category: 'specials' }, shopper)).toEqual(['Bistro Secret']);
    });
  });
});
