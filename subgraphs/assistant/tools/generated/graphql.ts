/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Every given field must hold; omitted or null fields do not filter. */
export type ProductFilter = {
  /** true: products that can be ordered now only. */
  availableOnly?: boolean | null | undefined;
  category?: string | null | undefined;
  /** Leaves out products that list any of these allergens (case-insensitive). */
  excludeAllergens?: Array<string> | null | undefined;
  /** true: gluten-free products only. */
  glutenFree?: boolean | null | undefined;
  maxPriceCents?: number | null | undefined;
  minPriceCents?: number | null | undefined;
  /** Full-text search over name, tags and description (at most 200 characters; "quoted phrases", "or" and -exclusions work). Results are then ordered by relevance instead of name. */
  text?: string | null | undefined;
  /** true: vegan products only. */
  vegan?: boolean | null | undefined;
  /** true: vegetarian products only. */
  vegetarian?: boolean | null | undefined;
};

export type AssistantRetrieveMenuQueryVariables = Exact<{
  filter?: ProductFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type AssistantRetrieveMenuQuery = { products: { edges: Array<{ node: { id: string, name: string, description: string, category: string, priceCents: number, currency: string, tags: Array<string>, allergens: Array<string>, vegetarian: boolean, vegan: boolean, glutenFree: boolean, available: boolean } }>, pageInfo: { hasNextPage: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AssistantRetrieveMenuDocument = new TypedDocumentString(`
    query AssistantRetrieveMenu($filter: ProductFilter, $first: Int) {
  products(filter: $filter, first: $first) {
    edges {
      node {
        id
        name
        description
        category
        priceCents
        currency
        tags
        allergens
        vegetarian
        vegan
        glutenFree
        available
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<AssistantRetrieveMenuQuery, AssistantRetrieveMenuQueryVariables>;