import { randomBytes } from 'node:crypto';
import type { MigrationObject } from '@mikro-orm/core';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../db/connection.js';
import { knowledgeMigrations } from '../../db/migrations/knowledge/index.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { DocumentEntity } from '../../subgraphs/knowledge/documents/document.entity.js';
import { IngestionJobEntity } from '../../subgraphs/knowledge/ingestion/ingestion-job.entity.js';

export interface ScratchDatabaseOptions {
  /** Default: an in-memory PGlite. */
  url?: string;
  /** Default: a fresh schema named `k<random>`. */
  schema?: string;
  /** Default: every knowledge migration (an upgrade test passes fewer). */
  migrations?: MigrationObject[];
  logger?: Logger;
}

/** The knowledge subgraph's tables in a schema of their own, migrated: for tests and the evaluation scripts. */
export function openScratchKnowledgeDatabase(options: ScratchDatabaseOptions = {}): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    subgraph: 'knowledge',
    url: options.url ?? 'pglite:memory',
    schema: options.schema ?? `k${randomBytes(4).toString('hex')}`,
    entities: [DocumentEntity, IngestionJobEntity] as never,
    migrations: options.migrations ?? knowledgeMigrations,
    requiresVector: true,
    logger: options.logger ?? createLogger({ level: 'silent', service: 'test' }),
  });
}
