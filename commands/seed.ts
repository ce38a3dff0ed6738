import 'reflect-metadata';
import { closeAllEmbeddedPglite } from '../db/embedded-pglite.js';
import { createEventBus } from '../platform/events/create-event-bus.js';
import { createLogger } from '../platform/logger.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

/**
 * `npm run seed`: inserts the demo tenant (menu, promotions, policies and FAQs) into the configured databases, once.
 * `npm start` does this itself for its embedded demo; production services never seed when they start.
 */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'seed' });
const bus = createEventBus({ redisUrl: config.REDIS_URL, logger, streamPrefix: config.EVENT_STREAM_PREFIX });
let failed = false;
for (const definition of Object.values(SUBGRAPHS)) {
  try {
    const runtime = await definition.start({ config, logger: logger.child({ subgraph: definition.name }), bus });
    try {
      if (runtime.seedDemoTenant) {
        await runtime.seedDemoTenant();
        console.log(`${definition.name}: demo tenant seeded`);
      }
    } finally {
      await runtime.close();
    }
  } catch (error) {
    failed = true;
    console.error(`${definition.name}: ${(error as Error).message}`);
  }
}
await bus.close();
await closeAllEmbeddedPglite();
process.exit(failed ? 1 : 0);
