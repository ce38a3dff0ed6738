import type { Product } from './product.entity.js';

/**
 * A product as the catalog serves and caches it: plain JSON, without ORM state or the tenant (cache keys and
 * queries carry the tenant; a product never leaves its tenant's scope).
 */
export interface CatalogProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  currency: string;
  tags: string[];
  allergens: string[];
  vegetarian: boolean;
  vegan: boolean;
  glutenFree: boolean;
  available: boolean;
}

export interface ProductPage {
  edges: { cursor: string; node: CatalogProduct }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function toCatalogProduct(product: Product): CatalogProduct {
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    category: product.category,
    priceCents: product.priceCents,
    currency: product.currency,
    tags: [...product.tags],
    allergens: [...product.allergens],
    vegetarian: product.vegetarian,
    vegan: product.vegan,
    glutenFree: product.glutenFree,
    available: product.available,
  };
}
