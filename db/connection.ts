import {
  MikroORM,
  type EntityClass,
  type EntitySchema,
  type LogContext,
  type Logger as OrmLogger,
  type LoggerNamespace,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { PGlite } from '@electric-sql/pglite';
import { PgliteDriver } from '@mikro-orm/pglite';
import {
  PostgreSqlDriver,
  type AbstractSqlDriver,
  type BasePostgreSqlEntityManager,
} from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import { getEmbeddedPglite } from './embedded-pglite.js';
import { quoteIdentifier } from './migration.js';

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

/** The SQL entity manager both drivers provide (execute, createQueryBuilder, transactional, …). */
export type SubgraphEntityManager = BasePostgreSqlEntityManager<AbstractSqlDriver>;
/** The ORM type common to the PostgreSQL and PGlite drivers. */
export type SubgraphOrm = MikroORM<AbstractSqlDriver, SubgraphEntityManager>;
/** What `defineEntity()` returns, or the class registered with `Schema.setClass(Class)`. */
export type SubgraphEntity = EntitySchema<any, any> | EntityClass<any>;

export interface SubgraphDatabase {
  readonly orm: SubgraphOrm;
  /** PostgreSQL schema holding this subgraph's tables (unquoted). */
  readonly schema: string;
  readonly kind: 'pglite' | 'postgres';
  /** A fresh EntityManager fork for one request/unit of work. */
  em(): SubgraphEntityManager;
  /** Throws when the database cannot answer `select 1`. */
  ping(): Promise<void>;
  /** Applies pending migrations (in one transaction) and returns the names applied, in order. */
  migrate(): Promise<string[]>;
  /** Closes the ORM (and its pool, for PostgreSQL); a shared PGlite instance stays open. */
  close(): Promise<void>;
}

export interface OpenSubgraphDatabaseOptions {
  /** Subgraph name, e.g. 'orders'; names the default schema and the `<SUBGRAPH>_DATABASE_URL` variable in errors. */
  subgraph: string;
  /** 'postgres://…' | 'postgresql://…' | 'pglite:memory' | 'pglite:<dir>' */
  url: string;
  /** PostgreSQL schema for the subgraph's tables; default = subgraph. Lower-case letters, digits and `_`. */
  schema?: string;
  /** `defineEntity()` results or their `setClass` classes; `unknown[]` accepted so registries need no casts. */
  entities: readonly SubgraphEntity[] | readonly unknown[];
  /** Ordered migration list (`{ name, class }`); names are what gets recorded in `<schema>.mikro_orm_migrations`. */
  migrations: readonly MigrationObject[];
  /** Fail fast (with an actionable message) unless pgvector is available; installs it when available. */
  requiresVector?: boolean;
  /** Apply pending migrations before returning (default true). */
  migrateOnOpen?: boolean;
  logger: Logger;
  /** Max pooled connections for PostgreSQL (default 5, at least 2). Ignored for PGlite (one backend, serialised). */
  poolSize?: number;
}

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type Target = { kind: 'pglite'; location: string; label: string } | { kind: 'postgres'; url: string; label: string };

/** Parses a database URL; `label` is a credential-free description for messages and logs. */
export function parseDatabaseUrl(url: string): Target {
  if (/^postgres(ql)?:\/\//.test(url)) {
    let label = 'the configured PostgreSQL server';
    try {
      const parsed = new URL(url);
      label = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname || '/'}`;
    } catch {
      // keep the generic label; the driver reports the malformed URL itself
    }
    return { kind: 'postgres', url, label };
  }
  if (url.startsWith('pglite:')) {
    let location = url.slice('pglite:'.length);
    if (location.startsWith('//')) location = location.slice(2); // tolerate pglite://memory, pglite:///abs/dir
    if (!location) throw new Error(`Invalid database URL "${url}": expected pglite:memory or pglite:<directory>`);
    return { kind: 'pglite', location, label: `pglite:${location}` };
  }
  throw new Error(`Invalid database URL "${url}": expected postgres://user@host:port/db, pglite:memory or pglite:<directory>`);
}

/** Adapts MikroORM's logger to pino: SQL at trace, ORM chatter at debug, warnings and errors always. */
class PinoOrmLogger implements OrmLogger {
  constructor(private readonly logger: Logger) {}

  isEnabled(namespace: LoggerNamespace | string, context?: LogContext): boolean {
    if (namespace === 'query' || namespace === 'query-params') return this.logger.isLevelEnabled('trace');
    if (context?.enabled !== undefined) return context.enabled;
    if (namespace === 'deprecated' || namespace === 'slow-query') return true;
    return this.logger.isLevelEnabled('debug');
  }

  log(namespace: string, message: string, context?: LogContext): void {
    if (context?.level === 'error') return this.error(namespace, message, context);
    if (context?.level === 'warning') return this.warn(namespace, message, context);
    if (!this.isEnabled(namespace, context)) return;
    this.logger.debug({ orm: namespace, label: context?.label }, message);
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.logger.error({ orm: namespace, label: context?.label }, message);
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.logger.warn({ orm: namespace, label: context?.label }, message);
  }

  logQuery(context: LogContext): void {
    if (context.level === 'error') {
      // The error reaches the caller, who decides whether it matters (e.g. an expected unique violation).
      this.logger.debug({ orm: 'query', sql: context.query, took: context.took }, 'query failed');
      return;
    }
    if (!this.isEnabled(context.namespace ?? 'query', context)) return;
    this.logger.trace(
      { orm: 'query', sql: context.query, took: context.took, results: context.results, affected: context.affected },
      'sql',
    );
  }

  setDebugMode(): void {
    // verbosity follows the pino level
  }
}

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
  const logger = options.logger.child({ ...(options.logger.bindings().subgraph ? {} : { subgraph: options.subgraph }), db: target.label, schema });

  const common = {
    schema,
    entities: [...options.entities] as SubgraphEntity[],
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    // We create schemas ourselves and never databases.
    ensureDatabase: false,
    loggerFactory: () => new PinoOrmLogger(logger),
    debug: logger.isLevelEnabled('trace'),
    colors: false,
    migrations: {
      migrationsList: [...options.migrations],
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

  let orm: SubgraphOrm;
  if (target.kind === 'pglite') {
    const pglite = await getEmbeddedPglite(target.location);
    orm = await MikroORM.init<PgliteDriver>({
      ...common,
      driver: PgliteDriver,
      // Cosmetic here: with a user-supplied instance dbName neither selects nor creates anything.
      dbName: 'ragline',
      // Our shared instance; MikroORM does not close an instance it did not create. A factory, because MikroORM deep-copies
      // its options and a thread's handle cannot be copied.
      driverOptions: { pglite: () => pglite as unknown as PGlite },
    });
  } else {
    orm = await MikroORM.init<PostgreSqlDriver>({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target.url,
      // At least 2: migrate() pins one connection for its advisory lock while the migrations use another.
      pool: { min: 0, max: Math.max(2, options.poolSize ?? 5), idleTimeoutMillis: 30_000 },
    });
  }

  const ping = async () => {
    await orm.em.getConnection().execute('select 1', [], 'all');
  };

  /**
   * Runs `fn` while holding a PostgreSQL advisory lock for this schema, so replicas starting together do not race
   * on CREATE SCHEMA / CREATE EXTENSION / migrations. The lock is session-level on one dedicated pooled connection
   * (the work itself runs on other connections). Not needed on PGlite: one process owns the instance and its
   * transactions are serialised anyway.
   */
  const withSchemaLock = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (target.kind === 'pglite') return fn();
    const pool = (await orm.em.getConnection().getNativeClient()) as LockPool;
    const client = await pool.connect();
    const key = `ragline:migrate:${schema}`;
    let broken = false;
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => {
          broken = true; // never hand a connection that may still hold the lock back to the pool
        });
      }
    } finally {
      client.release(broken);
    }
  };

  const query = <R>(sql: string, params: unknown[] = []) =>
    orm.em.getConnection().execute<R[]>(sql, params, 'all');

  const ensureVector = async () => {
    const [row] = await query<{ installed: boolean; available: boolean }>(
      `select exists(select 1 from pg_extension where extname = 'vector') as installed,
              exists(select 1 from pg_available_extensions where name = 'vector') as available`,
    );
    if (row?.installed) return;
    if (!row?.available) {
      throw new Error(
        `The ${options.subgraph} subgraph needs the pgvector extension, which the database at ${target.label} does not have. ` +
          `Install pgvector there, or point ${options.subgraph.toUpperCase()}_DATABASE_URL at an embedded database (pglite:<dir> or pglite:memory).`,
      );
    }
    try {
      await query('create extension if not exists vector');
    } catch (error) {
      const [again] = await query<{ installed: boolean }>(`select exists(select 1 from pg_extension where extname = 'vector') as installed`);
      if (again?.installed) return; // another process won the race
      throw new Error(
        `The ${options.subgraph} subgraph needs the pgvector extension; it is available on ${target.label} but could not be installed ` +
          `(${(error as Error).message}). Run "CREATE EXTENSION vector" there as a privileged user.`,
        { cause: error },
      );
    }
    logger.info('installed the pgvector extension');
  };

  const ensureSchema = async () => {
    // Check first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
    const [row] = await query<{ present: boolean }>('select exists(select 1 from pg_namespace where nspname = ?) as present', [schema]);
    if (!row?.present) {
      await query(`create schema if not exists ${quoteIdentifier(schema)}`);
      logger.info('created schema');
    }
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
    await withSchemaLock(async () => {
      if (options.requiresVector) await ensureVector();
      await ensureSchema();
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
    migrate: () => withSchemaLock(runMigrations),
    close: async () => {
      if (closed) return;
      closed = true;
      await orm.close();
    },
  };
}

/** The bit of node-postgres' Pool we use (pg ships no types here). */
interface LockPool {
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown>; release(destroy?: boolean): void }>;
}
