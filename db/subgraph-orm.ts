import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { PGlite } from '@electric-sql/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import type { DatabaseTarget } from './database-url.js';
import { getEmbeddedPglite } from './embedded-pglite.js';
import { PinoOrmLogger } from './pino-orm-logger.js';
import { PipelinedPgliteDriver } from './pipelined-pglite.js';
import { TracedOrmLogger } from './traced-orm-logger.js';
import type { OpenSubgraphDatabaseOptions, SubgraphEntity, SubgraphOrm } from './subgraph-database.js';

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/**
 * Starts MikroORM for one subgraph schema on the target's driver: the shared embedded PGlite instance, or a
 * node-postgres pool. The caller pings, prepares the schema and migrates.
 */
export async function initSubgraphOrm(
  target: DatabaseTarget,
  schema: string,
  { entities, migrations, poolSize }: Pick<OpenSubgraphDatabaseOptions, 'entities' | 'migrations' | 'poolSize'>,
  logger: Logger,
): Promise<SubgraphOrm> {
  const common = {
    schema,
    entities: [...entities] as SubgraphEntity[],
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    // We create schemas ourselves and never databases.
    ensureDatabase: false,
    loggerFactory: () =>
      new TracedOrmLogger(new PinoOrmLogger(logger), { engine: target.kind === 'pglite' ? 'pglite' : 'postgresql', schema }),
    debug: logger.isLevelEnabled('trace'),
    colors: false,
    migrations: {
      migrationsList: [...migrations],
      // Tracking table is resolved against the `schema` option: "<schema>"."mikro_orm_migrations".
      tableName: MIGRATIONS_TABLE,
      // No `.snapshot-*.json` files: migrations are hand-written and the working directory may be read-only.
      snapshot: false,
      // One transaction for the whole batch: a failing migration leaves nothing half-applied.
      transactional: true,
      allOrNothing: true,
      silent: false,
    },
  };

  if (target.kind === 'pglite') {
    const pglite = await getEmbeddedPglite(target.location);
    return MikroORM.init<PipelinedPgliteDriver>({
      ...common,
      driver: PipelinedPgliteDriver,
      // Cosmetic here: with a user-supplied instance dbName neither selects nor creates anything.
      dbName: 'ragline',
      // Our shared instance; MikroORM does not close an instance it did not create. A factory, because MikroORM deep-copies
      // its options and a thread's handle cannot be copied.
      driverOptions: { pglite: () => pglite as unknown as PGlite },
    });
  }
  return MikroORM.init<PostgreSqlDriver>({
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: target.url,
    // At least 2: migrate() pins one connection for its advisory lock while the migrations use another.
    pool: { min: 0, max: Math.max(2, poolSize ?? 5), idleTimeoutMillis: 30_000 },
  });
}
