/**
 * GraphiQL with its assets inlined, so the explorer works on a machine with no internet (Sandbox loads from a CDN).
 * Loaded on the first visit and rendered per visit: the module's source and the page are ~28 MiB of strings that a
 * process nobody explores should not hold (docs/benchmarks.md, "Memory soak").
 */
export async function graphiqlPage(endpoint: string): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL({ endpoint, subscriptionsProtocol: 'WS', title: 'RAGline GraphiQL', defaultQuery: DEFAULT_QUERY } as never);
}

const DEFAULT_QUERY = `# Set the header {"Authorization": "Bearer <token>"} (npm run token -- --tenant demo --role customer)
query Menu {
  products(first: 5) {
    edges { node { id name priceCents currency vegan glutenFree } }
  }
}
`;
