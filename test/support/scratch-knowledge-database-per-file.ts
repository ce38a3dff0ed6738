import { afterAll, beforeAll } from 'vitest';
import type { SubgraphDatabase } from '../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { createLogger } from '../../platform/logger.js';
import { openScratchKnowledgeDatabase } from './scratch-knowledge-database.js';

/** One migrated knowledge schema in an in-memory PGlite for the whole test file: opened before its tests, closed after. */
export function scratchKnowledgeDatabasePerFile(): () => SubgraphDatabase {
  let database: SubgraphDatabase | undefined;
  beforeAll(async () => {
    database = await openScratchKnowledgeDatabase({ logger: createLogger({ level: 'silent', service: 'test' }) });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await closeAllEmbeddedPglite();
  });
  return () => {
    if (!database) throw new Error('the scratch database opens in beforeAll');
    return database;
  };
}
