import type { EntityClass, EntitySchema, MigrationObject, MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver, BasePostgreSqlEntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';

/** The SQL entity manager both drivers provide (execute, createQueryBuilder, transactional, …). */
export type SubgraphEntityManager = BasePostgreSqlEntityManager<AbstractSqlDriver>;
/** The ORM type common to the PostgreSQL and PGlite drivers. */
export type SubgraphOrm = MikroORM<AbstractSqlDriver, SubgraphEntityManager>;
/** What `defineEntity()` returns, or the class registered with `Schema.setClass(Class)`. */
export type SubgraphEntity = EntitySchema<any, any> | EntityClass<any>;

/** One subgraph's database: a MikroORM instance bound to the PostgreSQL schema that holds the subgraph's tables. */
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
