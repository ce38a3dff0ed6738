import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../platform/logger.js';
import { startSupergraph } from './start-supergraph.js';
import { startupBanner } from './startup-banner.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { stopOnSignals } from './stop-on-signals.js';

/** `npm start`: the whole supergraph in one process on embedded defaults (or on the services the environment names). */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'ragline' });
const supergraph = await startSupergraph({
  config,
  logger,
  supergraphSdl: await readFile('schema/supergraph.graphql', 'utf8'),
  seedDemoTenant: true,
});
stopOnSignals(logger, () => supergraph.close());

console.log(await startupBanner(config, supergraph));
