import { parseDatabaseUrl } from './database-url.js';
import { ensureSchema, ensureVector } from './schema-preparation.js';
import { withSchemaLock } from './schema-lock.js';
import type { OpenSubgraphDatabaseOptions, SubgraphDatabase } from './subgraph-database.js';
import { initSubgraphOrm } from './subgraph-orm.js';

export { parseDatabaseUrl, type DatabaseTarget } from './database-url.js';
export type {
  OpenSubgraphDatabaseOptions,
  SubgraphDatabase,
  SubgraphEntity,
  SubgraphEntityManager,
  SubgraphOrm,
} from './subgraph-database.js';
export { MIGRATIONS_TABLE } from './subgraph-orm.js';

/**
 * One subgraph's database: a MikroORM instance bound to the PostgreSQL schema that holds the subgraph's tables.
 *
 * Layout
 * - Each subgraph owns one PostgreSQL schema (default: the subgraph name). Its tables AND its migration tracking
 *   table (`<schema>.mikro_orm_migrations`) live there, so subgraphs never see each other's migration state, even
 *   when they share one database (a PostgreSQL server or the process-wide embedded PGlite instance).
 * - MikroORM's `schema` option is set to that schema, so entities must NOT hard-code `schema`: every query the ORM
 *   builds is qualified with the configured schema (`select ... from "orders"."products"`).
 * - Nothing ever runs `SET search_path` (on PGlite all subgraphs share one session, so it would leak between them).
 *   Hand-written SQL (migrations, `em.execute`) must therefore qualify table names with the schema; migrations do
 *   it with `SubgraphMigration.table()` (see ./migration.ts). Extension types and operators (pgvector's `vector`,
 *   `<=>`) live in `public`, which is on the default search_path, so they are used unqualified.
 *
 * URLs: `postgres://…` / `postgresql://…` (node-postgres pool through @mikro-orm/postgresql), `pglite:memory`
 * or `pglite:<directory>` (the shared embedded instance from ./embedded-pglite.ts through @mikro-orm/pglite).
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (and by default migrates) one subgraph's database. */
export async function openSubgraphDatabase(options: OpenSubgraphDatabaseOptions): Promise<SubgraphDatabase> {
  const schema = options.schema ?? options.subgraph;
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}" for the ${options.subgraph} subgraph: use lower-case letters, digits and _ (at most 63, not starting with a digit)`,
    );
  }
  const target = parseDatabaseUrl(options.url);
  // A subgraph's logger already names it; commands like migrate pass the root logger.
  const logger = options.logger.child({
    ...(options.logger.bindings().subgraph ? {} : { subgraph: options.subgraph }),
    db: target.label,
    schema,
  });
  const orm = await initSubgraphOrm(target, schema, options, logger);

  const ping = async () => {
    await orm.em.getConnection().execute('select 1', [], 'all');
  };

  const runMigrations = async () => {
    const applied = await orm.migrator.up();
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger.info({ migrations: names }, `applied ${names.length} migration(s)`);
    else logger.debug('migrations up to date');
    return names;
  };

  try {
    try {
      await ping();
    } catch (error) {
      throw new Error(`The ${options.subgraph} subgraph cannot reach its database at ${target.label}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await withSchemaLock(orm, target, schema, async () => {
      const preparation = { orm, subgraph: options.subgraph, schema, target, logger };
      if (options.requiresVector) await ensureVector(preparation);
      await ensureSchema(preparation);
      if (options.migrateOnOpen ?? true) await runMigrations();
    });
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    throw error;
  }

  let closed = false;
  return {
    orm,
    schema,
    kind: target.kind,
    em: () => orm.em.fork(),
    ping,
    migrate: () => withSchemaLock(orm, target, schema, runMigrations),
    close: async () => {
      if (closed) return;
      closed = true;
      await orm.close();
    },
  };
}
