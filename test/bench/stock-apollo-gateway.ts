import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * A stock @apollo/gateway for `npm run bench:gateway` to compare with: Apollo Server's standalone server, the default
 * data sources, and only what RAGline's subgraphs need to answer at all (the caller's Authorization header on every
 * fetch). Run as its own process: `node .build/test/bench/stock-apollo-gateway.js PORT name=url ...`.
 */
const [port, ...routes] = process.argv.slice(2);
const subgraphUrls = Object.fromEntries(routes.map((route) => route.split(/=(.*)/s).slice(0, 2)));

interface Context {
  authorization?: string;
}

process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
const gateway = new ApolloGateway({
  supergraphSdl: await readFile('schema/supergraph.graphql', 'utf8'),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<Context>({
      url: subgraphUrls[name],
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(port), host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`stock gateway ready at ${url}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
