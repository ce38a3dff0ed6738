import { appError, ErrorCode } from '../../../platform/errors.js';
import type { CatalogProduct } from './catalog-product.js';

/** `createProduct(input:)` as the client sends it. */
export interface CreateProductInput {
  name: string;
  description?: string | null;
  category: string;
  priceCents: number;
  currency: string;
  tags?: string[] | null;
  allergens?: string[] | null;
  vegetarian?: boolean | null;
  vegan?: boolean | null;
  glutenFree?: boolean | null;
  available?: boolean | null;
}

/** `updateProduct(input:)`: omitted or null fields keep their value. */
export type UpdateProductInput = { [K in keyof CreateProductInput]?: CreateProductInput[K] | null };

/** Everything stored about a product except its identity, validated and normalised. */
export type ProductFields = Omit<CatalogProduct, 'id'>;

export const PRODUCT_LIMITS = {
  nameLength: 120,
  descriptionLength: 2000,
  categoryLength: 64,
  labels: 20,
  labelLength: 50,
  maxPriceCents: 2_147_483_647,
} as const;

export function validateNewProduct(input: CreateProductInput): ProductFields {
  const vegan = input.vegan ?? false;
  return validateFields(
    {
      name: input.name,
      description: input.description ?? '',
      category: input.category,
      priceCents: input.priceCents,
      currency: input.currency,
      tags: input.tags ?? [],
      allergens: input.allergens ?? [],
      vegetarian: input.vegetarian ?? vegan,
      vegan,
      glutenFree: input.glutenFree ?? false,
      available: input.available ?? true,
    },
    null,
  );
}

/**
 * The product after a partial update. Dietary flags follow "vegan implies vegetarian": setting `vegan: true` also
 * makes it vegetarian and `vegetarian: false` also makes it not vegan, unless the same input says otherwise (which
 * is refused). The slug follows the name only when the name changes, so other edits never move it.
 */
export function applyProductUpdate(current: CatalogProduct, input: UpdateProductInput): ProductFields {
  return validateFields(
    {
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      category: input.category ?? current.category,
      priceCents: input.priceCents ?? current.priceCents,
      currency: input.currency ?? current.currency,
      tags: input.tags ?? current.tags,
      allergens: input.allergens ?? current.allergens,
      vegetarian: input.vegetarian ?? (input.vegan === true ? true : current.vegetarian),
      vegan: input.vegan ?? (input.vegetarian === false ? false : current.vegan),
      glutenFree: input.glutenFree ?? current.glutenFree,
      available: input.available ?? current.available,
    },
    current,
  );
}

/** `"Garden Pizza (vegan)"` -> `"garden-pizza-vegan"`; letters of any script are kept, accents dropped. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

const fail = (field: string, message: string) => appError(ErrorCode.BadUserInput, message, { argumentName: `input.${field}` });

function validateFields(fields: Omit<ProductFields, 'slug'>, current: CatalogProduct | null): ProductFields {
  const name = fields.name.replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > PRODUCT_LIMITS.nameLength)
    throw fail('name', `name must be 1 to ${PRODUCT_LIMITS.nameLength} characters`);
  const slug = current && current.name === name ? current.slug : slugify(name);
  if (!slug) throw fail('name', 'name must contain a letter or a digit');

  const description = fields.description.trim();
  if (description.length > PRODUCT_LIMITS.descriptionLength)
    throw fail('description', `description is limited to ${PRODUCT_LIMITS.descriptionLength} characters`);

  const category = fields.category.trim().toLowerCase();
  if (category.length < 1 || category.length > PRODUCT_LIMITS.categoryLength)
    throw fail('category', `category must be 1 to ${PRODUCT_LIMITS.categoryLength} characters`);

  if (!Number.isSafeInteger(fields.priceCents) || fields.priceCents < 0 || fields.priceCents > PRODUCT_LIMITS.maxPriceCents) {
    throw fail('priceCents', 'priceCents must be a whole number of cents, 0 or more');
  }

  const currency = fields.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw fail('currency', 'currency must be a three-letter ISO 4217 code such as EUR');

  const tags = labels(fields.tags, 'tags');
  const allergens = labels(fields.allergens, 'allergens');
  if (fields.vegan && !fields.vegetarian) throw fail('vegetarian', 'a vegan product is also vegetarian');
  if (fields.glutenFree && allergens.includes('gluten'))
    throw fail('glutenFree', 'a gluten-free product cannot list gluten as an allergen');

  return { ...fields, name, slug, description, category, priceCents: fields.priceCents, currency, tags, allergens };
}

/** Tags and allergens: trimmed, lower-case, deduplicated, order kept. */
function labels(values: string[], field: string): string[] {
  const normalised = [...new Set(values.map((value) => value.trim().toLowerCase()).filter(Boolean))];
  if (normalised.length > PRODUCT_LIMITS.labels) throw fail(field, `${field} takes at most ${PRODUCT_LIMITS.labels} entries`);
  if (normalised.some((value) => value.length > PRODUCT_LIMITS.labelLength))
    throw fail(field, `each of ${field} is limited to ${PRODUCT_LIMITS.labelLength} characters`);
  return normalised;
}
