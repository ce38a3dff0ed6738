import { describe, expect, it } from 'vitest';
import type { CatalogProduct } from './catalog-product.js';
import { applyProductUpdate, slugify, validateNewProduct, type CreateProductInput } from './product-input.js';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as any).extensions?.code, argumentName: (error as any).extensions?.argumentName };
  }
  return undefined;
};

const valid: CreateProductInput = { name: 'Vegan Calzone', category: 'pizza', priceCents: 1390, currency: 'eur' };
const current: CatalogProduct = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'garden-pizza',
  name: 'Garden Pizza (vegan)',
  description: 'd',
  category: 'pizza',
  priceCents: 1350,
  currency: 'EUR',
  tags: ['pizza'],
  allergens: ['gluten'],
  vegetarian: true,
  vegan: true,
  glutenFree: false,
  available: true,
};

describe('slugify', () => {
  it.each([
    ['Garden Pizza (vegan)', 'garden-pizza-vegan'],
    ['  Crème Brûlée  ', 'creme-brulee'],
    ['Fish & Chips!!', 'fish-chips'],
    ['寿司 セット', '寿司-セット'],
    ['!!!', ''],
  ])('%s -> %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('stays within 80 characters without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('validateNewProduct', () => {
  it('normalises and fills defaults', () => {
    expect(
      validateNewProduct({ ...valid, name: '  Vegan   Calzone ', vegan: true, tags: [' Pizza', 'pizza', 'Folded'], allergens: ['Gluten'] }),
    ).toEqual({
      slug: 'vegan-calzone',
      name: 'Vegan Calzone',
      description: '',
      category: 'pizza',
      priceCents: 1390,
      currency: 'EUR',
      tags: ['pizza', 'folded'],
      allergens: ['gluten'],
      vegetarian: true,
      vegan: true,
      glutenFree: false,
      available: true,
    });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'input.name'],
    ['an overlong name', { name: 'x'.repeat(121) }, 'input.name'],
    ['a name without letters or digits', { name: '***' }, 'input.name'],
    ['a negative price', { priceCents: -1 }, 'input.priceCents'],
    ['a fractional price', { priceCents: 9.99 }, 'input.priceCents'],
    ['a currency that is not three letters', { currency: 'EURO' }, 'input.currency'],
    ['a currency with digits', { currency: 'E1R' }, 'input.currency'],
    ['an empty category', { category: ' ' }, 'input.category'],
    ['an overlong description', { description: 'x'.repeat(2001) }, 'input.description'],
    ['too many tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'input.tags'],
    ['a vegan product that is not vegetarian', { vegan: true, vegetarian: false }, 'input.vegetarian'],
    ['gluten-free with gluten', { glutenFree: true, allergens: ['gluten'] }, 'input.glutenFree'],
  ])('refuses %s', (_case, change, argumentName) => {
    expect(failure(() => validateNewProduct({ ...valid, ...change }))).toEqual({ code: 'BAD_USER_INPUT', argumentName });
  });
});

describe('applyProductUpdate', () => {
  it('changes only the given fields and keeps the slug unless the name changes', () => {
    expect(applyProductUpdate(current, { priceCents: 1400, description: null })).toEqual({ ...withoutId(current), priceCents: 1400 });
    expect(applyProductUpdate(current, { name: 'Garden Pizza (vegan)' }).slug).toBe('garden-pizza');
    expect(applyProductUpdate(current, { name: 'Orto Pizza' }).slug).toBe('orto-pizza');
  });

  it('keeps "vegan implies vegetarian" in both directions', () => {
    expect(applyProductUpdate(current, { vegetarian: false })).toMatchObject({ vegetarian: false, vegan: false });
    const meat = { ...current, vegetarian: false, vegan: false };
    expect(applyProductUpdate(meat, { vegan: true })).toMatchObject({ vegetarian: true, vegan: true });
    expect(failure(() => applyProductUpdate(meat, { vegan: true, vegetarian: false }))?.code).toBe('BAD_USER_INPUT');
  });

  it('validates the result, not just the input', () => {
    expect(failure(() => applyProductUpdate(current, { glutenFree: true }))).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.glutenFree',
    });
    expect(applyProductUpdate(current, { glutenFree: true, allergens: ['tree nuts'] })).toMatchObject({
      glutenFree: true,
      allergens: ['tree nuts'],
    });
  });
});

function withoutId({ id: _id, ...fields }: CatalogProduct) {
  return fields;
}
