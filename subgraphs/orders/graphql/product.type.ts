import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Product', { description: 'A menu item or catalog product of one tenant.' })
@Directive('@key(fields: "id")')
export class ProductType {
  @Field(() => ID) id!: string;
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
