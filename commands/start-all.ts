import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../platform/logger.js';
import { startSupergraph } from './start-supergraph.js';
import { startupBanner } from './startup-banner.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { stopOnSignals } from './stop-on-signals.js';
import { startTracing } from '../platform/telemetry/tracing-setup.js';

/** `npm start`: the whole supergraph in one process on embedded defaults (or on the services the environment names). */
// First: every span of start-up and after goes to the provider the OTEL_* variables configure (none when unset).
const tracing = startTracing({ serviceName: 'ragline' });
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'ragline' });
if (tracing.enabled) logger.info({ traces: tracing.tracesUrl }, 'exporting traces (OTLP/HTTP)');
const supergraph = await startSupergraph({
  config,
  logger,
  supergraphSdl: await readFile('schema/supergraph.graphql', 'utf8'),
  seedDemoTenant: true,
});
stopOnSignals(logger, async () => {
  await supergraph.close();
  await tracing.shutdown();
});

console.log(await startupBanner(config, supergraph));
