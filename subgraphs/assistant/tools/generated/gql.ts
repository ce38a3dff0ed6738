/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AssistantAssembleContext($query: String!, $scope: String, $tokenBudget: Int) {\n  assembleContext(query: $query, scope: $scope, tokenBudget: $tokenBudget) {\n    passages {\n      chunkId\n      documentId\n      documentTitle\n      headingPath\n      text\n      score\n    }\n    tokenCount\n  }\n}": typeof types.AssistantAssembleContextDocument,
    "mutation AssistantCreateOrder($idempotencyKey: String!, $input: CreateOrderInput!) {\n  createOrder(idempotencyKey: $idempotencyKey, input: $input) {\n    id\n    status\n    totalCents\n    currency\n    promoCode\n    lines {\n      ...AssistantOrderLine\n    }\n  }\n}": typeof types.AssistantCreateOrderDocument,
    "fragment AssistantOrderLine on OrderLine {\n  productId\n  name\n  unitPriceCents\n  quantity\n  notes\n}": typeof types.AssistantOrderLineFragmentDoc,
    "query AssistantQuote($input: CreateOrderInput!) {\n  quote(input: $input) {\n    lines {\n      ...AssistantOrderLine\n    }\n    subtotalCents\n    discountCents\n    taxCents\n    totalCents\n    currency\n    taxRateBasisPoints\n    promotion {\n      code\n      kind\n      value\n    }\n  }\n}": typeof types.AssistantQuoteDocument,
    "query AssistantRetrieveMenu($filter: ProductFilter, $first: Int) {\n  products(filter: $filter, first: $first) {\n    edges {\n      node {\n        id\n        name\n        description\n        category\n        priceCents\n        currency\n        tags\n        allergens\n        vegetarian\n        vegan\n        glutenFree\n        available\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}": typeof types.AssistantRetrieveMenuDocument,
};
const documents: Documents = {
    "query AssistantAssembleContext($query: String!, $scope: String, $tokenBudget: Int) {\n  assembleContext(query: $query, scope: $scope, tokenBudget: $tokenBudget) {\n    passages {\n      chunkId\n      documentId\n      documentTitle\n      headingPath\n      text\n      score\n    }\n    tokenCount\n  }\n}": types.AssistantAssembleContextDocument,
    "mutation AssistantCreateOrder($idempotencyKey: String!, $input: CreateOrderInput!) {\n  createOrder(idempotencyKey: $idempotencyKey, input: $input) {\n    id\n    status\n    totalCents\n    currency\n    promoCode\n    lines {\n      ...AssistantOrderLine\n    }\n  }\n}": types.AssistantCreateOrderDocument,
    "fragment AssistantOrderLine on OrderLine {\n  productId\n  name\n  unitPriceCents\n  quantity\n  notes\n}": types.AssistantOrderLineFragmentDoc,
    "query AssistantQuote($input: CreateOrderInput!) {\n  quote(input: $input) {\n    lines {\n      ...AssistantOrderLine\n    }\n    subtotalCents\n    discountCents\n    taxCents\n    totalCents\n    currency\n    taxRateBasisPoints\n    promotion {\n      code\n      kind\n      value\n    }\n  }\n}": types.AssistantQuoteDocument,
    "query AssistantRetrieveMenu($filter: ProductFilter, $first: Int) {\n  products(filter: $filter, first: $first) {\n    edges {\n      node {\n        id\n        name\n        description\n        category\n        priceCents\n        currency\n        tags\n        allergens\n        vegetarian\n        vegan\n        glutenFree\n        available\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}": types.AssistantRetrieveMenuDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssistantAssembleContext($query: String!, $scope: String, $tokenBudget: Int) {\n  assembleContext(query: $query, scope: $scope, tokenBudget: $tokenBudget) {\n    passages {\n      chunkId\n      documentId\n      documentTitle\n      headingPath\n      text\n      score\n    }\n    tokenCount\n  }\n}"): typeof import('./graphql.js').AssistantAssembleContextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AssistantCreateOrder($idempotencyKey: String!, $input: CreateOrderInput!) {\n  createOrder(idempotencyKey: $idempotencyKey, input: $input) {\n    id\n    status\n    totalCents\n    currency\n    promoCode\n    lines {\n      ...AssistantOrderLine\n    }\n  }\n}"): typeof import('./graphql.js').AssistantCreateOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AssistantOrderLine on OrderLine {\n  productId\n  name\n  unitPriceCents\n  quantity\n  notes\n}"): typeof import('./graphql.js').AssistantOrderLineFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssistantQuote($input: CreateOrderInput!) {\n  quote(input: $input) {\n    lines {\n      ...AssistantOrderLine\n    }\n    subtotalCents\n    discountCents\n    taxCents\n    totalCents\n    currency\n    taxRateBasisPoints\n    promotion {\n      code\n      kind\n      value\n    }\n  }\n}"): typeof import('./graphql.js').AssistantQuoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssistantRetrieveMenu($filter: ProductFilter, $first: Int) {\n  products(filter: $filter, first: $first) {\n    edges {\n      node {\n        id\n        name\n        description\n        category\n        priceCents\n        currency\n        tags\n        allergens\n        vegetarian\n        vegan\n        glutenFree\n        available\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}"): typeof import('./graphql.js').AssistantRetrieveMenuDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
