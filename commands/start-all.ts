import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { devTokenLifetimeSeconds, signDevToken } from '../platform/auth/jwt.js';
import { createLogger } from '../platform/logger.js';
import { startSupergraph } from './start-supergraph.js';
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

const token =
  config.JWT_ALGORITHM === 'HS256' ? await signDevToken(config, { sub: 'demo-customer', tenant: 'demo', roles: ['customer'] }) : undefined;
const lifetimeSeconds = devTokenLifetimeSeconds(config);
const lifetime = lifetimeSeconds % 3600 === 0 ? `${lifetimeSeconds / 3600} h` : `${Math.floor(lifetimeSeconds / 60)} min`;
const origin = supergraph.gateway.url.replace(/\/graphql$/, '');
console.log(`
RAGline is running (${config.REDIS_URL ? 'Redis event bus' : 'in-process event bus'}, orders data at ${config.databaseUrlFor('orders')})

  GraphQL API      ${supergraph.gateway.url}   (subscriptions: ${supergraph.gateway.wsUrl})
  Apollo Sandbox   ${supergraph.gateway.url}   (open in a browser; loads from Apollo's CDN)
  Offline explorer ${origin}/graphiql
${Object.values(supergraph.subgraphs)
  .map((subgraph) => `  ${subgraph.name.padEnd(16)} ${subgraph.url}`)
  .join('\n')}
${token ? `\n  Dev token (tenant demo, role customer, ${lifetime}):\n  Authorization: Bearer ${token}\n\n  More: npm run token -- --tenant demo --role staff` : ''}
`);
