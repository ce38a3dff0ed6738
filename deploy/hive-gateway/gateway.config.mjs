// Hive Gateway over RAGline's subgraphs (docs/deploy.md, "Other gateways"):
//   npx hive-gateway supergraph schema/supergraph.graphql --port 4000   (with this file in the working directory)
// Run unchanged by test/e2e/hive-gateway.test.ts.
export const gatewayConfig = {
  // Every subgraph verifies the caller's own token: pass it on to each fetch. An HTTP client sends it as the
  // Authorization header; a graphql-ws client in its connection_init payload, which is where it must be taken from
  // for the fetches that complete a subscription's events (Order.helpArticles from knowledge, say).
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, context }) => {
      const authorization = request.headers.get('authorization') ?? context?.connectionParams?.authorization;
      return typeof authorization === 'string' ? { authorization } : {};
    },
  },
  // Subscriptions reach the subgraphs over graphql-ws on their /graphql path; the client's connection_init payload
  // carries the token (our subgraphs read `authorization` from it), HTTP clients' Authorization header otherwise.
  transportEntries: {
    '*.http': {
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          options: {
            connectionParams: {
              authorization: '{context.connectionParams.authorization}',
            },
          },
        },
      },
    },
  },
};
