import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { startGateway } from '../gateway/gateway-server.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { createTokenVerifier } from '../platform/auth/jwt.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config.js';
import { createEventBus } from '../platform/events/create-event-bus.js';
import { parentProcessPublisher } from '../platform/events/parent-process-relay.js';
import { createLogger } from '../platform/logger.js';
import { startSubgraphServer } from '../platform/server/start-subgraph-server.js';
import { gatewayProtections } from './gateway-protections.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { stopOnSignals } from './stop-on-signals.js';
import { startTracing } from '../platform/telemetry/tracing-setup.js';

/** `npm run start:<service>`: one service per process, for production. Services then talk through Redis. */
const service = process.argv[2];
if (service !== 'gateway' && !SUBGRAPH_NAMES.includes(service as SubgraphName)) {
  console.error(`Unknown service "${service}": expected gateway or one of ${SUBGRAPH_NAMES.join(', ')}`);
  process.exit(64);
}
// First: every span of this service goes to the provider the OTEL_* variables configure (none when unset).
const tracing = startTracing({ serviceName: `ragline-${service}` });
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service });
if (tracing.enabled) logger.info({ traces: tracing.tracesUrl }, 'exporting traces (OTLP/HTTP)');
const verifyToken = await createTokenVerifier(config);

if (service === 'gateway') {
  // Operation durations reach observability over Redis; without it, the gateway `npm start` runs in a child process
  // (GATEWAY_PROCESS=own) publishes on its parent's in-process bus, and a lone gateway has nowhere to report them.
  const bus = config.REDIS_URL
    ? createEventBus({ redisUrl: config.REDIS_URL, logger, streamPrefix: config.EVENT_STREAM_PREFIX })
    : undefined;
  const publisher = bus ?? parentProcessPublisher();
  const gateway = await startGateway({
    supergraphSdl: await readFile('schema/supergraph.graphql', 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphUrlFor(name)])),
    verifyToken,
    ...gatewayProtections(config),
    logger,
    bus: publisher,
    operationTimingsWindowMs: config.OPERATION_TIMINGS_WINDOW_SECONDS * 1_000,
    host: config.HOST,
    port: config.PORT,
  });
  stopOnSignals(logger, async () => {
    await gateway.close();
    await bus?.close();
    await tracing.shutdown();
  });
  // Started by `npm start` (commands/gateway-process.ts): stop with it, even when it dies without a word.
  if (process.channel) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
} else {
  if (!config.REDIS_URL) {
    console.error(
      'REDIS_URL is required when a subgraph runs in its own process: events must reach the other processes. Use `npm start` for the single-process embedded mode.',
    );
    process.exit(78);
  }
  const bus = createEventBus({ redisUrl: config.REDIS_URL, logger, streamPrefix: config.EVENT_STREAM_PREFIX });
  const subgraph = await startSubgraphServer(SUBGRAPHS[service as SubgraphName], {
    config,
    logger,
    bus,
    verifyToken,
    host: config.HOST,
    port: config.portFor(service as SubgraphName),
  });
  stopOnSignals(logger, async () => {
    await subgraph.close();
    await bus.close();
    await tracing.shutdown();
  });
}
