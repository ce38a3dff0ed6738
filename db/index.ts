export {
  openSubgraphDatabase,
  parseDatabaseUrl,
  MIGRATIONS_TABLE,
  type SubgraphDatabase,
  type SubgraphEntity,
  type SubgraphEntityManager,
  type SubgraphOrm,
  type OpenSubgraphDatabaseOptions,
} from './connection.js';
export { SubgraphMigration, quoteIdentifier } from './migration.js';
export {
  getEmbeddedPglite,
  hasEmbeddedPglite,
  closeEmbeddedPglite,
  closeAllEmbeddedPglite,
  type EmbeddedLocation,
  type EmbeddedPglite,
} from './embedded-pglite.js';
