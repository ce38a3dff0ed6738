import type { Logger } from '../platform/logger.js';
import type { DatabaseTarget } from './database-url.js';
import { quoteIdentifier } from './migration.js';
import type { SubgraphOrm } from './subgraph-database.js';

/** What preparing one subgraph's schema needs to know; `logger` already names the subgraph, database and schema. */
export interface SchemaPreparation {
  orm: SubgraphOrm;
  subgraph: string;
  schema: string;
  target: DatabaseTarget;
  logger: Logger;
}

const query = <R>(orm: SubgraphOrm, sql: string, params: unknown[] = []) => orm.em.getConnection().execute<R[]>(sql, params, 'all');

/** Installs pgvector when the server has it, and otherwise fails with what to do about it. */
export async function ensureVector({ orm, subgraph, target, logger }: SchemaPreparation): Promise<void> {
  const [row] = await query<{ installed: boolean; available: boolean }>(
    orm,
    `select exists(select 1 from pg_extension where extname = 'vector') as installed,
              exists(select 1 from pg_available_extensions where name = 'vector') as available`,
  );
  if (row?.installed) return;
  if (!row?.available) {
    throw new Error(
      `The ${subgraph} subgraph needs the pgvector extension, which the database at ${target.label} does not have. ` +
        `Install pgvector there, or point ${subgraph.toUpperCase()}_DATABASE_URL at an embedded database (pglite:<dir> or pglite:memory).`,
    );
  }
  try {
    await query(orm, 'create extension if not exists vector');
  } catch (error) {
    const [again] = await query<{ installed: boolean }>(
      orm,
      `select exists(select 1 from pg_extension where extname = 'vector') as installed`,
    );
    if (again?.installed) return; // another process won the race
    throw new Error(
      `The ${subgraph} subgraph needs the pgvector extension; it is available on ${target.label} but could not be installed ` +
        `(${(error as Error).message}). Run "CREATE EXTENSION vector" there as a privileged user.`,
      { cause: error },
    );
  }
  logger.info('installed the pgvector extension');
}

export async function ensureSchema({ orm, schema, logger }: SchemaPreparation): Promise<void> {
  // Check first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
  const [row] = await query<{ present: boolean }>(orm, 'select exists(select 1 from pg_namespace where nspname = ?) as present', [schema]);
  if (!row?.present) {
    await query(orm, `create schema if not exists ${quoteIdentifier(schema)}`);
    logger.info('created schema');
  }
}
