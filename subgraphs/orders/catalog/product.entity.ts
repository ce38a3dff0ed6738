import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ProductEntity = defineEntity({
  name: 'Product',
  tableName: 'products',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    slug: p.string(),
    name: p.string(),
    description: p.text(),
    category: p.string(),
    priceCents: p.integer(),
    currency: p.string(),
    tags: p.array(),
    allergens: p.array(),
    vegetarian: p.boolean(),
    vegan: p.boolean(),
    glutenFree: p.boolean(),
    available: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Product = InferEntity<typeof ProductEntity>;
