import { appError, ErrorCode } from '../../../platform/errors.js';

/** `Query.products(filter:)` as the client sends it: every field optional, `null` meaning "no constraint". */
export interface ProductFilterInput {
  category?: string | null;
  text?: string | null;
  vegetarian?: boolean | null;
  vegan?: boolean | null;
  glutenFree?: boolean | null;
  excludeAllergens?: string[] | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  availableOnly?: boolean | null;
}

/** A validated filter in canonical form: equal filters serialise equally, so it doubles as a cache key. */
export interface ProductFilter {
  category: string | null;
  text: string | null;
  vegetarian: boolean;
  vegan: boolean;
  glutenFree: boolean;
  /** Lower-case, deduplicated, sorted. */
  excludeAllergens: string[];
  minPriceCents: number | null;
  maxPriceCents: number | null;
  availableOnly: boolean;
}

export const FILTER_LIMITS = { textLength: 200, categoryLength: 64, allergens: 20, allergenLength: 50 } as const;

const fail = (field: string, message: string) => appError(ErrorCode.BadUserInput, message, { argumentName: `filter.${field}` });

export function normalizeProductFilter(input: ProductFilterInput | null | undefined): ProductFilter {
  const filter = input ?? {};
  const text = filter.text?.replace(/\s+/g, ' ').trim() || null;
  if (text && text.length > FILTER_LIMITS.textLength) throw fail('text', `text is limited to ${FILTER_LIMITS.textLength} characters`);

  const category = filter.category?.trim().toLowerCase() || null;
  if (category && category.length > FILTER_LIMITS.categoryLength)
    throw fail('category', `category is limited to ${FILTER_LIMITS.categoryLength} characters`);

  const allergens = [...new Set((filter.excludeAllergens ?? []).map((allergen) => allergen.trim().toLowerCase()).filter(Boolean))].sort();
  if (allergens.length > FILTER_LIMITS.allergens)
    throw fail('excludeAllergens', `excludeAllergens takes at most ${FILTER_LIMITS.allergens} allergens`);
  if (allergens.some((allergen) => allergen.length > FILTER_LIMITS.allergenLength)) {
    throw fail('excludeAllergens', `an allergen is limited to ${FILTER_LIMITS.allergenLength} characters`);
  }

  const minPriceCents = price(filter.minPriceCents, 'minPriceCents');
  const maxPriceCents = price(filter.maxPriceCents, 'maxPriceCents');
  if (minPriceCents !== null && maxPriceCents !== null && minPriceCents > maxPriceCents) {
    throw fail('minPriceCents', 'minPriceCents must not be greater than maxPriceCents');
  }

  return {
    category,
    text,
    vegetarian: filter.vegetarian === true,
    vegan: filter.vegan === true,
    glutenFree: filter.glutenFree === true,
    excludeAllergens: allergens,
    minPriceCents,
    maxPriceCents,
    availableOnly: filter.availableOnly === true,
  };
}

function price(value: number | null | undefined, field: string): number | null {
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw fail(field, `${field} must be a whole number of cents, 0 or more`);
  return value;
}
