import { gatewayProtections } from './gateway-protections.js';
import { closeAllEmbeddedPglite } from '../db/embedded-pglite.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { startGateway, type RunningGateway } from '../gateway/gateway-server.js';
import { createTokenVerifier, type TokenVerifier } from '../platform/auth/jwt.js';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '../platform/config.js';
import { createEventBus } from '../platform/events/create-event-bus.js';
import type { EventBus } from '../platform/events/event-bus.js';
import type { Logger } from '../platform/logger.js';
import { startSubgraphServer, type RunningSubgraph } from '../platform/server/start-subgraph-server.js';

export interface SupergraphOptions {
  config: Config;
  logger: Logger;
  supergraphSdl: string;
  /** Listen on free ports instead of the configured ones (tests). */
  ephemeralPorts?: boolean;
  /** Prefix for every subgraph's database schema, so test runs sharing one PostgreSQL never collide. */
  databaseSchemaPrefix?: string;
  /** Seed the demo tenant before each subgraph listens (`npm start`, the end-to-end tests). */
  seedDemoTenant?: boolean;
  /**
   * A bus to share instead of one of its own (left open by `close`): a second in-process replica set of the
   * supergraph (tests) reaches the first through it, as separate processes do through Redis.
   */
  bus?: EventBus;
  /** Leave embedded databases open on `close` because another replica set in this process still uses them. @default true */
  closeEmbeddedDatabases?: boolean;
}

export interface RunningSupergraph {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  bus: EventBus;
  close(): Promise<void>;
}

export interface RunningSubgraphs {
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  bus: EventBus;
  verifyToken: TokenVerifier;
  /** Where the subgraphs reach the supergraph (the assistant's tools): set once the gateway listens. */
  useGatewayUrl(url: string): void;
  close(): Promise<void>;
}

/** The four subgraphs in this process, one event bus between them; the gateway is the caller's to start. */
export async function startSubgraphs(options: SupergraphOptions): Promise<RunningSubgraphs> {
  const { config, logger } = options;
  const bus = options.bus ?? createEventBus({ redisUrl: config.REDIS_URL, logger, streamPrefix: config.EVENT_STREAM_PREFIX });
  const closeBus = options.bus ? async () => undefined : () => bus.close();
  const verifyToken = await createTokenVerifier(config);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  // Subgraphs start before the gateway, so its URL (a free port in tests) is handed to them as a lazy lookup.
  let gatewayUrl: string | undefined;
  const supergraphUrl = () => {
    if (!gatewayUrl) throw new Error('the gateway has not started yet');
    return gatewayUrl;
  };
  const close = async () => {
    for (const subgraph of Object.values(subgraphs).reverse()) await subgraph.close();
    await closeBus();
    if (options.closeEmbeddedDatabases !== false) await closeAllEmbeddedPglite();
  };
  try {
    // One after another: in embedded mode they share one PGlite, which runs one transaction at a time anyway.
    for (const name of SUBGRAPH_NAMES) {
      subgraphs[name] = await startSubgraphServer(SUBGRAPHS[name], {
        config,
        logger,
        bus,
        verifyToken,
        host: config.HOST,
        port: options.ephemeralPorts ? 0 : config.portFor(name),
        databaseSchema: options.databaseSchemaPrefix ? `${options.databaseSchemaPrefix}${name}` : undefined,
        supergraphUrl,
        seedDemoTenant: options.seedDemoTenant,
      });
    }
  } catch (error) {
    for (const subgraph of Object.values(subgraphs).reverse()) await subgraph.close().catch(() => undefined);
    await closeBus().catch(() => undefined);
    throw error;
  }
  return { subgraphs, bus, verifyToken, useGatewayUrl: (url) => void (gatewayUrl = url), close };
}

/** The whole supergraph in one process: the end-to-end tests' fixture, and `npm start` with GATEWAY_PROCESS=shared. */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const { config, logger } = options;
  const running = await startSubgraphs(options);
  try {
    const gateway = await startGateway({
      supergraphSdl: options.supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.values(running.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
      // One process: queries and mutations reach the subgraphs without a socket, and subscriptions their graphql-ws server.
      inProcessSubgraphs: Object.fromEntries(Object.values(running.subgraphs).map((subgraph) => [subgraph.name, subgraph.serveInProcess])),
      inProcessSubgraphSockets: Object.fromEntries(
        Object.values(running.subgraphs).map((subgraph) => [subgraph.name, subgraph.InProcessWebSocket]),
      ),
      verifyToken: running.verifyToken,
      ...gatewayProtections(config),
      logger,
      bus: running.bus,
      operationTimingsWindowMs: config.OPERATION_TIMINGS_WINDOW_SECONDS * 1_000,
      host: config.HOST,
      port: options.ephemeralPorts ? 0 : config.PORT,
    });
    running.useGatewayUrl(gateway.url);
    return {
      gateway,
      subgraphs: running.subgraphs,
      bus: running.bus,
      async close() {
        await gateway.close();
        await running.close();
      },
    };
  } catch (error) {
    await running.close().catch(() => undefined);
    throw error;
  }
}
