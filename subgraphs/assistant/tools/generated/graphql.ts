/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A cart: what createOrder places and quote prices. */
export type CreateOrderInput = {
  items: Array<OrderItemInput>;
  /** A promotion code of the tenant (case-insensitive). */
  promoCode?: string | null | undefined;
};

export type OrderItemInput = {
  notes?: string | null | undefined;
  productId: string | number;
  quantity: number;
};

/** PENDING -> CONFIRMED -> PREPARING -> READY -> COMPLETED; CANCELLED from PENDING or CONFIRMED. */
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CONFIRMED'
  | 'PENDING'
  | 'PREPARING'
  | 'READY';

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

/** PERCENT: value in basis points (1000 = 10%); FIXED: value in cents. */
export type PromotionKind =
  | 'FIXED'
  | 'PERCENT';

export type AssistantAssembleContextQueryVariables = Exact<{
  query: string;
  scope?: string | null | undefined;
  tokenBudget?: number | null | undefined;
}>;


export type AssistantAssembleContextQuery = { assembleContext: { tokenCount: number, passages: Array<{ chunkId: string, documentId: string, documentTitle: string, headingPath: Array<string>, text: string, score: number }> } };

export type AssistantCreateOrderMutationVariables = Exact<{
  idempotencyKey: string;
  input: CreateOrderInput;
}>;


export type AssistantCreateOrderMutation = { createOrder: { id: string, status: OrderStatus, totalCents: number, currency: string, promoCode: string | null, lines: Array<{ productId: string, name: string, unitPriceCents: number, quantity: number, notes: string | null }> } };

export type AssistantOrderLineFragment = { productId: string, name: string, unitPriceCents: number, quantity: number, notes: string | null };

export type AssistantQuoteQueryVariables = Exact<{
  input: CreateOrderInput;
}>;


export type AssistantQuoteQuery = { quote: { subtotalCents: number, discountCents: number, taxCents: number, totalCents: number, currency: string, taxRateBasisPoints: number, lines: Array<{ productId: string, name: string, unitPriceCents: number, quantity: number, notes: string | null }>, promotion: { code: string, kind: PromotionKind, value: number } | null } };

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
export const AssistantOrderLineFragmentDoc = new TypedDocumentString(`
    fragment AssistantOrderLine on OrderLine {
  productId
  name
  unitPriceCents
  quantity
  notes
}
    `, {"fragmentName":"AssistantOrderLine"}) as unknown as TypedDocumentString<AssistantOrderLineFragment, unknown>;
export const AssistantAssembleContextDocument = new TypedDocumentString(`
    query AssistantAssembleContext($query: String!, $scope: String, $tokenBudget: Int) {
  assembleContext(query: $query, scope: $scope, tokenBudget: $tokenBudget) {
    passages {
      chunkId
      documentId
      documentTitle
      headingPath
      text
      score
    }
    tokenCount
  }
}
    `) as unknown as TypedDocumentString<AssistantAssembleContextQuery, AssistantAssembleContextQueryVariables>;
export const AssistantCreateOrderDocument = new TypedDocumentString(`
    mutation AssistantCreateOrder($idempotencyKey: String!, $input: CreateOrderInput!) {
  createOrder(idempotencyKey: $idempotencyKey, input: $input) {
    id
    status
    totalCents
    currency
    promoCode
    lines {
      ...AssistantOrderLine
    }
  }
}
    fragment AssistantOrderLine on OrderLine {
  productId
  name
  unitPriceCents
  quantity
  notes
}`) as unknown as TypedDocumentString<AssistantCreateOrderMutation, AssistantCreateOrderMutationVariables>;
export const AssistantQuoteDocument = new TypedDocumentString(`
    query AssistantQuote($input: CreateOrderInput!) {
  quote(input: $input) {
    lines {
      ...AssistantOrderLine
    }
    subtotalCents
    discountCents
    taxCents
    totalCents
    currency
    taxRateBasisPoints
    promotion {
      code
      kind
      value
    }
  }
}
    fragment AssistantOrderLine on OrderLine {
  productId
  name
  unitPriceCents
  quantity
  notes
}`) as unknown as TypedDocumentString<AssistantQuoteQuery, AssistantQuoteQueryVariables>;
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