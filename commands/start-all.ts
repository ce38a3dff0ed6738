import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../platform/logger.js';
import { startGatewayProcess } from './gateway-process.js';
import { startSubgraphs, startSupergraph } from './start-supergraph.js';
import { startupBanner } from './startup-banner.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { stopOnSignals } from './stop-on-signals.js';
import { startTracing } from '../platform/telemetry/tracing-setup.js';

/**
 * `npm start`: the whole supergraph in one process on embedded defaults (or on the services the environment names);
 * GATEWAY_PROCESS=own runs the gateway in a child process of its own so it gets a core of its own.
 */
// First: every span of start-up and after goes to the provider the OTEL_* variables configure (none when unset).
const tracing = startTracing({ serviceName: 'ragline' });
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'ragline' });
if (tracing.enabled) logger.info({ traces: tracing.tracesUrl }, 'exporting traces (OTLP/HTTP)');
const supergraphSdl = await readFile('schema/supergraph.graphql', 'utf8');
if (config.GATEWAY_PROCESS === 'shared') {
  const supergraph = await startSupergraph({ config, logger, supergraphSdl, seedDemoTenant: true });
  stopOnSignals(logger, async () => {
    await supergraph.close();
    await tracing.shutdown();
  });
  console.log(await startupBanner(config, supergraph));
} else {
  const running = await startSubgraphs({ config, logger, supergraphSdl, seedDemoTenant: true });
  const gateway = await startGatewayProcess(
    config,
    Object.fromEntries(Object.values(running.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
    { bus: running.bus, logger },
  ).catch(async (error: unknown) => {
    await running.close();
    throw error;
  });
  running.useGatewayUrl(gateway.url);
  stopOnSignals(logger, async () => {
    await gateway.close();
    await running.close();
    await tracing.shutdown();
  });
  console.log(await startupBanner(config, { gateway, subgraphs: running.subgraphs }));
}
