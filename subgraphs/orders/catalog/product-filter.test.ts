import { describe, expect, it } from 'vitest';
import { normalizeProductFilter } from './product-filter.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as any).extensions?.code, argumentName: (error as any).extensions?.argumentName };
  }
  return undefined;
};

describe('normalizeProductFilter', () => {
  it('turns no filter into no constraints', () => {
    const none = {
      category: null,
      text: null,
      vegetarian: false,
      vegan: false,
      glutenFree: false,
      excludeAllergens: [],
      minPriceCents: null,
      maxPriceCents: null,
      availableOnly: false,
    };
    expect(normalizeProductFilter(undefined)).toEqual(none);
    expect(normalizeProductFilter({ vegan: false, text: '   ', category: '', excludeAllergens: [' '] })).toEqual(none);
  });

  it('canonicalises, so equal filters make equal cache keys', () => {
    const a = normalizeProductFilter({ text: '  vegan \n pizza ', category: ' Pizza', excludeAllergens: ['Milk', 'gluten', 'milk '] });
    const b = normalizeProductFilter({ excludeAllergens: ['gluten', 'milk'], category: 'pizza', text: 'vegan pizza' });
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toMatchObject({ text: 'vegan pizza', category: 'pizza', excludeAllergens: ['gluten', 'milk'] });
  });

  it('accepts a price range, including an exact price', () => {
    expect(normalizeProductFilter({ minPriceCents: 500, maxPriceCents: 500 })).toMatchObject({ minPriceCents: 500, maxPriceCents: 500 });
    expect(normalizeProductFilter({ minPriceCents: 0 })).toMatchObject({ minPriceCents: 0, maxPriceCents: null });
  });

  it.each([
    ['min above max', { minPriceCents: 1000, maxPriceCents: 999 }, 'filter.minPriceCents'],
    ['a negative price', { maxPriceCents: -1 }, 'filter.maxPriceCents'],
    ['a fractional price', { minPriceCents: 1.5 }, 'filter.minPriceCents'],
    ['an overlong text', { text: 'pizza '.repeat(40) }, 'filter.text'],
    ['an overlong category', { category: 'x'.repeat(65) }, 'filter.category'],
    ['too many allergens', { excludeAllergens: Array.from({ length: 21 }, (_, i) => `a${i}`) }, 'filter.excludeAllergens'],
    ['an overlong allergen', { excludeAllergens: ['x'.repeat(51)] }, 'filter.excludeAllergens'],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_case, filter, argumentName) => {
    expect(codeOf(() => normalizeProductFilter(filter))).toEqual({ code: 'BAD_USER_INPUT', argumentName });
  });
});
