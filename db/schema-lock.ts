import type { DatabaseTarget } from './database-url.js';
import type { SubgraphOrm } from './subgraph-database.js';

/**
 * Runs `fn` while holding a PostgreSQL advisory lock for this schema, so replicas starting together do not race
 * on CREATE SCHEMA / CREATE EXTENSION / migrations. The lock is session-level on one dedicated pooled connection
 * (the work itself runs on other connections). Not needed on PGlite: one process owns the instance and its
 * transactions are serialised anyway.
 */
export async function withSchemaLock<T>(orm: SubgraphOrm, target: DatabaseTarget, schema: string, fn: () => Promise<T>): Promise<T> {
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
}

/** The bit of node-postgres' Pool we use (pg ships no types here). */
interface LockPool {
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown>; release(destroy?: boolean): void }>;
}
