import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/** GraphiQL with its assets inlined, so the explorer works on a machine with no internet (Sandbox loads from a CDN). */
export function graphiqlPage(endpoint: string): string {
  return renderGraphiQL({ endpoint, subscriptionsProtocol: 'WS', title: 'RAGline GraphiQL', defaultQuery: DEFAULT_QUERY } as never);
}

const DEFAULT_QUERY = `# Set the header {"Authorization": "Bearer <token>"} (npm run token -- --tenant demo --role customer)
query Menu {
  products(first: 5) {
    edges { node { id name priceCents currency vegan glutenFree } }
  }
}
`;
