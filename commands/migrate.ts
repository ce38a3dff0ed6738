import 'reflect-metadata';
import { closeAllEmbeddedPglite } from '../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../db/open-subgraph-database-for.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { createLogger } from '../platform/logger.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

/** `npm run migrate`: applies each subgraph's pending migrations to its own database schema. */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'migrate' });
let failed = false;
for (const definition of Object.values(SUBGRAPHS)) {
  if (!definition.database) continue;
  try {
    const database = await openSubgraphDatabaseFor(definition, { config, logger });
    await database.close();
    console.log(`${definition.name}: migrations up to date (${config.databaseUrlFor(definition.name).replace(/\/\/[^@]*@/, '//')})`);
  } catch (error) {
    failed = true;
    console.error(`${definition.name}: ${(error as Error).message}`);
  }
}
await closeAllEmbeddedPglite();
process.exit(failed ? 1 : 0);
