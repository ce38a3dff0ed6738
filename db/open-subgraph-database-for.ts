import type { SubgraphDefinition, SubgraphDependencies } from '../platform/server/subgraph-definition.js';
import { openSubgraphDatabase, type SubgraphDatabase } from './connection.js';

/** Opens (and migrates) the database a subgraph definition declares, at the URL the configuration gives it. */
export function openSubgraphDatabaseFor(
  definition: Pick<SubgraphDefinition, 'name' | 'database'>,
  { config, logger, databaseSchema }: Pick<SubgraphDependencies, 'config' | 'logger' | 'databaseSchema'>,
): Promise<SubgraphDatabase> {
  if (!definition.database) throw new Error(`The ${definition.name} subgraph declares no database`);
  return openSubgraphDatabase({
    subgraph: definition.name,
    url: config.databaseUrlFor(definition.name),
    schema: databaseSchema,
    entities: definition.database.entities as never,
    migrations: definition.database.migrations,
    requiresVector: definition.database.requiresVector,
    logger,
  });
}
