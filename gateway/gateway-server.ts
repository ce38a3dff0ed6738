import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DocumentNode } from 'graphql';
import type { TokenVerifier } from '../platform/auth/jwt.js';
import type { RateLimitSettings, SecuritySettings } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { checkMetricsAccess } from '../platform/metrics/metrics-access.js';
import type { RequestContext } from '../platform/request-context.js';
import { tracedHttpHandler } from '../platform/telemetry/traced-http-handler.js';
import { credentialsFromConnectionParams, resolveCaller } from '../platform/server/caller-context.js';
import { collectProcessMetrics, renderMetrics } from '../platform/metrics/metrics.js';
import type { OperationLimits } from '../platform/server/operation-limits.js';
import { apolloHttpHandler } from './apollo-http-handler.js';
import type { InputLimits } from '../platform/server/input-hygiene.js';
import { graphiqlPage } from './graphiql-page.js';
import { consoleRoutes, type ConsoleSettings } from './console/console-routes.js';
import { apolloOperationLimits } from './operation-limits.js';
import { inputHygienePlugin } from './input-hygiene-plugin.js';
import { maskedErrorLoggingPlugin, maskGatewayError } from './mask-gateway-errors.js';
import { GatewayRateLimiter } from './rate-limits/gateway-rate-limiter.js';
import { TenantHeavyGate } from './rate-limits/tenant-heavy-gate.js';
import { checkRateLimits, rateLimitedError, rateLimitPlugin } from './rate-limits/rate-limit-plugin.js';
import { requestIdInErrorsPlugin } from './request-id-in-errors-plugin.js';
import { requestLoggingPlugin } from './request-logging-plugin.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { createSubgraphClient, undiciTransport, type SubgraphSend } from './subgraph-client.js';
import { inProcessTransport } from './in-process-transport.js';
import { shareIdenticalQueries } from './in-flight-sharing.js';
import type { InProcessHandler } from '../platform/telemetry/traced-in-process-handler.js';
import type { InProcessWebSocketClass } from '../platform/server/in-process-graphql-ws.js';
import { TrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.js';
import { attachGraphqlWsGateway } from './subscriptions/graphql-ws-gateway.js';
import type { SocketLimitSettings } from './subscriptions/socket-limits.js';
import type { EventPublisher } from '../platform/events/event-bus.js';
import { OperationTimings } from './operation-timings.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** HTTP URL of each subgraph by its supergraph name; overrides the routing URLs in the supergraph file. */
  subgraphUrls: Record<string, string>;
  /** Subgraphs running in this process, by name: their queries and mutations skip the socket (in-process-transport.ts). */
  inProcessSubgraphs?: Record<string, InProcessHandler>;
  /** The same subgraphs' graphql-ws servers: subscriptions reach them without a loopback socket (in-process-graphql-ws.ts). */
  inProcessSubgraphSockets?: Record<string, InProcessWebSocketClass>;
  verifyToken: TokenVerifier;
  /** Depth, aliases, tokens, directives and cost of an operation, over HTTP and graphql-ws alike (docs/security.md). */
  operationLimits: OperationLimits;
  /** graphql-ws: operations open per socket, sockets open per user. */
  socketLimits: SocketLimitSettings;
  /** Input hygiene (INPUT_MAX_DEPTH, INPUT_MAX_STRING_BYTES, and every subgraph's large-string allowances). */
  inputLimits: InputLimits;
  logger: Logger;
  host: string;
  port: number;
  /** Production mode: introspection, suggestions, explorers, error details and /metrics (docs/security.md). */
  security: SecuritySettings;
  /** Per-minute budgets per user, tenant and anonymous IP (docs/security.md, "Rate limits"). */
  rateLimits: RateLimitSettings;
  /** Where per-operation durations are reported (operation_timing_v1, one event per tenant and minute); none when absent. */
  bus?: EventPublisher;
  /** How long each operation-timings window lasts before it is published. @default 60_000 */
  operationTimingsWindowMs?: number;
  /** The web console at /console (its built files, and development sign-in); absent: no /console. */
  console?: ConsoleSettings;
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  /** Upstream subscriptions currently open to subgraphs (tests and metrics). */
  openUpstreamSubscriptions(): number;
  /** Publishes the operation durations recorded so far now instead of at the end of the minute (tests). */
  flushOperationTimings(): Promise<void>;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  collectProcessMetrics();
  const dataSources = new Map<string, SubgraphDataSource>();
  const send = inProcessSubgraphSend(options);
  const dataSource = (name: string) => {
    const url = options.subgraphUrls[name];
    if (!url) throw new Error(`The supergraph names a subgraph "${name}" with no configured URL`);
    if (!dataSources.has(name)) dataSources.set(name, new SubgraphDataSource(url, name, send));
    return dataSources.get(name)!;
  };

  // @apollo/gateway otherwise asks cloud metadata services (169.254.169.254 and others) what it runs on, at start, and
  // sends usage metrics to Apollo hourly and at shutdown. A self-hosted platform sends nothing off the machine unless
  // its operator opts in (APOLLO_TELEMETRY_DISABLED=false, README).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({ supergraphSdl: options.supergraphSdl, buildService: ({ name }) => dataSource(name), logger });
  const { security } = options;
  // "Did you mean …?" names fields of the schema: hidden whenever introspection is.
  const blockSuggestions = new ApolloArmor({
    blockFieldSuggestion: { enabled: !security.introspection },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDepth: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  const operationLimits = apolloOperationLimits(options.operationLimits);
  const trusted = security.trustedDocuments ? await TrustedDocuments.load(security.trustedDocuments) : undefined;
  if (trusted) logger.info({ documents: trusted.size }, 'trusted documents only (TRUSTED_DOCUMENTS)');
  const rateLimiter = options.rateLimits.enabled ? new GatewayRateLimiter(options.rateLimits, logger) : undefined;
  const heavyGate = new TenantHeavyGate(options.rateLimits.heavyInFlightPerTenant, options.rateLimits.heavyQueueWaitMs);
  const timings = options.bus
    ? new OperationTimings(options.bus, logger.child({ component: 'operation-timings' }), options.operationTimingsWindowMs)
    : undefined;
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    introspection: security.introspection,
    includeStacktraceInErrorResponses: false,
    // Automatic persisted queries: a hash registered by a request carrying its text then runs alone. Apollo's default
    // cache (in memory, LRU, about 30 MiB) holds them; with TRUSTED_DOCUMENTS the manifest does, and nothing registers.
    persistedQueries: trusted ? { cache: trusted.asPersistedQueryCache() } : {},
    ...operationLimits,
    // Limit refusals get their own code back first; production then masks what is left unexpected.
    formatError: security.production
      ? (formatted, error) => maskGatewayError(operationLimits.formatError(formatted, error), error)
      : operationLimits.formatError,
    plugins: [
      security.explorer ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      // Armor's types name @apollo/server's CommonJS declarations; the plugin objects are the same at run time.
      ...(blockSuggestions.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      ...(security.production ? [maskedErrorLoggingPlugin()] : []),
      requestLoggingPlugin(logger),
      ...(timings ? [timings.plugin()] : []),
      requestIdInErrorsPlugin(),
      inputHygienePlugin(options.inputLimits),
      ...(trusted ? [trustedDocumentsPlugin(trusted)] : []),
      ...(rateLimiter ? [rateLimitPlugin(rateLimiter, heavyGate, options.rateLimits.heavyInFlightPerTenant)] : []),
    ],
  });
  await apollo.start();
  await rateLimiter?.ready();

  const handleGraphql = apolloHttpHandler(
    apollo,
    (headers, requestId) => resolveCaller({ authorization: headers.get('authorization'), requestId }, options.verifyToken, logger),
    trusted,
  );
  const serveConsole = options.console ? consoleRoutes(options.console) : undefined;

  const route = (request: IncomingMessage, response: ServerResponse) => {
    // The API's own path skips URL parsing; anything else is normalised first (the console serves files by path).
    const raw = request.url ?? '/';
    const path = raw === '/graphql' || raw.startsWith('/graphql?') ? '/graphql' : new URL(raw, 'http://localhost').pathname;
    if (path === '/graphql') {
      handleGraphql(request, response).catch((error) => {
        logger.error({ err: error }, 'gateway request failed');
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
    } else if (serveConsole && (path === '/console' || path.startsWith('/console/'))) {
      serveConsole(request, response, path).catch((error) => {
        logger.error({ err: error }, 'console request failed');
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
    } else if (path === '/graphiql' && security.explorer) {
      graphiqlPage('/graphql').then(
        (page) => response.setHeader('content-type', 'text/html; charset=utf-8').end(page),
        (error: unknown) => {
          logger.error({ err: error }, 'explorer page failed');
          response.writeHead(500).end();
        },
      );
    } else if (path === '/metrics') {
      const access = checkMetricsAccess(security, request.headers.authorization);
      if (access.status !== 200) {
        response.writeHead(access.status, access.headers).end(access.body);
        return;
      }
      renderMetrics(request.headers.accept).then(
        ({ contentType, body }) => {
          response.setHeader('content-type', contentType);
          response.end(body);
        },
        (error) => {
          logger.error({ err: error }, 'metrics rendering failed');
          response.statusCode = 500;
          response.end();
        },
      );
    } else if (path === '/healthz' || path === '/readyz') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'ok' }));
    } else {
      response.statusCode = 404;
      response.end(
        security.explorer
          ? 'Not found: the API is at /graphql, the console at /console, the offline explorer at /graphiql'
          : 'Not found: the API is at /graphql',
      );
    }
  };
  // A SERVER span per /graphql request, continuing the caller's traceparent (docs/tracing.md).
  const httpServer = createServer(tracedHttpHandler('gateway', route));

  const ws = attachGraphqlWsGateway({
    httpServer,
    path: '/graphql',
    supergraphSdl: options.supergraphSdl,
    subgraphWsUrl: (name) => dataSource(name).url!.replace(/^http/, 'ws'),
    subgraphWebSocketImpl: (name) => options.inProcessSubgraphSockets?.[name],
    dataSource,
    authenticate: (connectionParams) => resolveCaller(credentialsFromConnectionParams(connectionParams), options.verifyToken, logger),
    inputLimits: options.inputLimits,
    executeOperation: async (request, contextValue) => {
      const response = await apollo.executeOperation(
        { query: request.query, operationName: request.operationName ?? undefined, variables: request.variables ?? undefined },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported over graphql-ws');
      return response.body.singleResult as never;
    },
    operationLimits: options.operationLimits,
    ...(rateLimiter
      ? {
          checkRateLimits: async (context: RequestContext, document: DocumentNode, operationName?: string | null) => {
            const decision = await checkRateLimits(rateLimiter, context, document, operationName);
            return decision.allowed ? undefined : rateLimitedError(decision.binding, context.requestId, false);
          },
        }
      : {}),
    socketLimits: options.socketLimits,
    logger,
    introspection: security.introspection,
    trusted,
    ...(security.production ? { formatError: maskGatewayError } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host}:${port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    openUpstreamSubscriptions: () => ws.openUpstreamSubscriptions(),
    flushOperationTimings: async () => timings?.flush(),
    async close() {
      await ws.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
      await rateLimiter?.close();
      // The bus closes after the gateway: the last partial minute is published.
      await timings?.close();
    },
  };
}

/** The subgraph calls of a gateway that runs beside its subgraphs; undefined (over the network) for one on its own. */
function inProcessSubgraphSend(options: GatewayOptions): SubgraphSend | undefined {
  const handlers = Object.entries(options.inProcessSubgraphs ?? {});
  if (handlers.length === 0) return undefined;
  const byUrl = new Map<string, InProcessHandler>();
  for (const [name, handler] of handlers) {
    const url = options.subgraphUrls[name];
    if (url) byUrl.set(url, handler);
  }
  return shareIdenticalQueries(createSubgraphClient(inProcessTransport(byUrl, undiciTransport())));
}
