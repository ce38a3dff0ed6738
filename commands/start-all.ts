import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../platform/logger.js';
import { startGatewayProcess } from './gateway-process.js';
import { startSubgraphs, startSupergraph } from './start-supergraph.js';
import { startupBanner } from './startup-banner.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { stopOnSignals } from './stop-on-signals.js';

/**
 * `npm start`: the four subgraphs in one process on embedded defaults (or on the services the environment names), the
 * gateway in a child process of its own so it gets a core of its own (GATEWAY_PROCESS=shared: in this process too).
 */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'ragline' });
const supergraphSdl = await readFile('schema/supergraph.graphql', 'utf8');
if (config.GATEWAY_PROCESS === 'shared') {
  const supergraph = await startSupergraph({ config, logger, supergraphSdl, seedDemoTenant: true });
  stopOnSignals(logger, () => supergraph.close());
  console.log(await startupBanner(config, supergraph));
} else {
  const running = await startSubgraphs({ config, logger, supergraphSdl, seedDemoTenant: true });
  const gateway = await startGatewayProcess(
    config,
    Object.fromEntries(Object.values(running.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
  ).catch(async (error: unknown) => {
    await running.close();
    throw error;
  });
  running.useGatewayUrl(gateway.url);
  stopOnSignals(logger, async () => {
    await gateway.close();
    await running.close();
  });
  console.log(await startupBanner(config, { gateway, subgraphs: running.subgraphs }));
}
