import { expect } from 'vitest';
import type { TestSupergraph } from '../support/test-supergraph.js';

export const PRODUCTS = /* GraphQL */ `
  query Products($first: Int, $after: String, $filter: ProductFilter) {
    products(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          slug
          name
          priceCents
          available
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The catalog reads of the catalog e2e files, on the file's supergraph and customer token (both set in beforeAll). */
export function catalogReads(supergraph: () => TestSupergraph, customer: () => string) {
  const names = async (filter: Record<string, unknown>, token = customer()) => {
    const result = await supergraph().request(PRODUCTS, { first: 100, filter }, { token });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.products.edges.map((edge: any) => edge.node.name) as string[];
  };
  const errorCode = async (query: string, variables: Record<string, unknown>, token: string) =>
    (await supergraph().request(query, variables, { token })).body.errors?.[0]?.extensions?.code;
  return { names, errorCode };
}
