import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import type { TokenVerifier } from '../auth/jwt.js';
import { credentialsFromConnectionParams, credentialsFromHeaders, resolveCaller } from './caller-context.js';
import { useHealthRoutes } from './health-routes.js';
import { inputLimitsFromConfig, useInputHygiene } from './input-hygiene.js';
import { maskUnexpectedError } from './mask-unexpected-error.js';
import { useOperationMetrics } from './operation-metrics.js';
import { operationLimitPlugins, operationLimitsFromConfig } from './operation-limits.js';
import { serveGraphqlWs } from './serve-graphql-ws.js';
import type { InProcessWebSocketClass } from './in-process-graphql-ws.js';
import { tracedHttpHandler } from '../telemetry/traced-http-handler.js';
import { tracedInProcessHandler, type InProcessHandler } from '../telemetry/traced-in-process-handler.js';
import { subgraphCors, subgraphCsrfPrevention, subgraphSuggestionBlocking, useIntrospectionGuard } from './subgraph-hardening.js';
import type { SubgraphDefinition, SubgraphDependencies } from './subgraph-definition.js';

export interface RunningSubgraph {
  name: string;
  url: string;
  wsUrl: string;
  /**
   * The same yoga as `url` serves, for a gateway in this process: a POST to `url` answered without a socket (no HTTP
   * client, no parsing of a request and of its answer on either side). Undefined once `close` was called.
   */
  serveInProcess: InProcessHandler;
  /** The same graphql-ws server as `wsUrl`, for a gateway in this process: a `webSocketImpl` without a socket. */
  InProcessWebSocket: InProcessWebSocketClass;
  close(): Promise<void>;
}

interface WsInitialContext {
  connectionParams?: Record<string, unknown>;
}

/** Starts one subgraph: its runtime, yoga over HTTP and graphql-ws on one path, and the health routes. */
export async function startSubgraphServer(
  definition: SubgraphDefinition<any>,
  dependencies: SubgraphDependencies & { verifyToken: TokenVerifier; host: string; port: number; seedDemoTenant?: boolean },
): Promise<RunningSubgraph> {
  const logger = dependencies.logger.child({ subgraph: definition.name });
  const { schema } = await definition.buildSchema();
  const runtime = await definition.start({ ...dependencies, logger });
  if (dependencies.seedDemoTenant) await runtime.seedDemoTenant?.();

  const { security } = dependencies.config;
  const yoga = createYoga<YogaInitialContext & WsInitialContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: logger,
    maskedErrors: { maskError: maskUnexpectedError(logger) },
    cors: subgraphCors(security),
    plugins: [
      useHealthRoutes({ checkReadiness: () => runtime.checkReadiness(), metrics: security }),
      subgraphCsrfPrevention(),
      useIntrospectionGuard(security, dependencies.verifyToken),
      ...subgraphSuggestionBlocking(security),
      // The gateway's operation limits again (defence in depth: a subgraph may be reached without the gateway).
      ...operationLimitPlugins(operationLimitsFromConfig(dependencies.config)),
      useInputHygiene(inputLimitsFromConfig(dependencies.config, definition.largeStringInputs)),
      useOperationMetrics(definition.name),
    ],
    context: async (initial) => {
      const credentials = initial.request
        ? credentialsFromHeaders(initial.request.headers)
        : credentialsFromConnectionParams(initial.connectionParams);
      return runtime.createContext(await resolveCaller(credentials, dependencies.verifyToken, logger));
    },
  });

  const httpServer = createServer(tracedHttpHandler(definition.name, yoga));
  // A socket whose connection_init carries a bad token is closed with 4403; subscriptions end when the token expires.
  const ws = serveGraphqlWs(httpServer, yoga, {
    authenticate: (connectionParams) =>
      resolveCaller(credentialsFromConnectionParams(connectionParams), dependencies.verifyToken, logger).catch((error: unknown) => {
        if (!(error instanceof GraphQLError)) logger.error({ err: error }, 'graphql-ws authentication failed unexpectedly');
        throw error;
      }),
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(dependencies.port, dependencies.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${dependencies.host}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');

  let closing: Promise<void> | undefined;
  const close = async () => {
    await ws.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await runtime.close();
  };
  const serveTraced = tracedInProcessHandler(definition.name, ({ url: target, headers, body }) =>
    Promise.resolve(yoga.fetch(target, { method: 'POST', headers, body })),
  );
  // A closed subgraph serves no one: its in-process callers then go over the network and meet the closed port.
  const serveInProcess: InProcessHandler = (request) => (closing ? Promise.resolve(undefined) : serveTraced(request));
  return {
    name: definition.name,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    serveInProcess,
    InProcessWebSocket: ws.InProcessWebSocket,
    close: () => (closing ??= close()),
  };
}
