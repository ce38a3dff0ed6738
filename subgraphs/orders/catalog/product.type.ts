import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ProductFilterInput } from './product-filter.js';
import type { CreateProductInput, UpdateProductInput } from './product-input.js';

@ObjectType('Product', { description: 'A menu item or catalog product of one tenant.' })
@Directive('@key(fields: "id")')
export class ProductType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'URL-friendly name, unique within the tenant; derived from the name when it is set.' }) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => String) category!: string;
  @Field(() => Int, { description: 'Price in the smallest currency unit (cents); money is never a float.' }) priceCents!: number;
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => [String]) allergens!: string[];
  @Field(() => Boolean) vegetarian!: boolean;
  @Field(() => Boolean) vegan!: boolean;
  @Field(() => Boolean) glutenFree!: boolean;
  @Field(() => Boolean) available!: boolean;
}

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('ProductEdge')
export class ProductEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ProductType) node!: ProductType;
}

@ObjectType('ProductConnection')
export class ProductConnectionType {
  @Field(() => [ProductEdgeType]) edges!: ProductEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('ProductFilter', { description: 'Every given field must hold; omitted or null fields do not filter.' })
export class ProductFilterType implements ProductFilterInput {
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over name, tags and description (at most 200 characters; "quoted phrases", "or" and -exclusions work). Results are then ordered by relevance instead of name.',
  })
  text?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: vegetarian products only.' }) vegetarian?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: vegan products only.' }) vegan?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: gluten-free products only.' }) glutenFree?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'Leaves out products that list any of these allergens (case-insensitive).' })
  excludeAllergens?: string[] | null;
  @Field(() => Int, { nullable: true }) minPriceCents?: number | null;
  @Field(() => Int, { nullable: true }) maxPriceCents?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true: products that can be ordered now only.' }) availableOnly?: boolean | null;
}

@InputType('CreateProductInput')
export class CreateProductInputType implements CreateProductInput {
  @Field(() => String, { description: '1-120 characters; the slug is derived from it and must be unique in the catalog.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters; default empty.' }) description?: string | null;
  @Field(() => String) category!: string;
  @Field(() => Int, { description: 'Whole cents, 0 or more.' }) priceCents!: number;
  @Field(() => String, { description: 'Three-letter ISO 4217 code.' }) currency!: string;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => [String], { nullable: true }) allergens?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Default: the value of vegan.' }) vegetarian?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false; a vegan product is also vegetarian.' }) vegan?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false; cannot be combined with the allergen "gluten".' }) glutenFree?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) available?: boolean | null;
}

@InputType('UpdateProductInput', { description: 'Omitted or null fields keep their value. Renaming also changes the slug.' })
export class UpdateProductInputType implements UpdateProductInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => Int, { nullable: true }) priceCents?: number | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => [String], { nullable: true }) allergens?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false also makes the product not vegan.' }) vegetarian?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true also makes the product vegetarian.' }) vegan?: boolean | null;
  @Field(() => Boolean, { nullable: true }) glutenFree?: boolean | null;
  @Field(() => Boolean, { nullable: true }) available?: boolean | null;
}
