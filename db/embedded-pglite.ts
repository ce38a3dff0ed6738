import { resolve } from 'node:path';
import { ThreadedPglite, type EmbeddedPglite } from './threaded-pglite.js';

export type { EmbeddedPglite, PgliteQueries } from './threaded-pglite.js';

/**
 * Embedded PostgreSQL (PGlite, Postgres in WASM) shared by every subgraph in the process. It runs in a worker thread
 * of its own (./threaded-pglite.ts), so its synchronous WebAssembly never stops the process's event loop.
 *
 * There is exactly ONE PGlite instance per location per process: a data directory must only be opened by one
 * PGlite instance at a time (nothing locks it, so never point two processes at the same directory either), and each
 * instance costs ~0.5 GB of memory and ~2 s to start. Subgraphs that point
 * at the same location share the instance and keep apart by PostgreSQL schema (see ./connection.ts).
 *
 * Things to know about a shared PGlite instance:
 * - It has a single backend: every transaction is serialised. A unit of work that sits idle inside a
 *   transaction (e.g. awaiting an HTTP call between statements) blocks every other subgraph using the instance.
 *   Keep transactions short and never await network I/O inside one.
 * - Session state (SET search_path, SET LOCAL outside a transaction, temp tables, prepared statement names,
 *   advisory locks) is shared by every "connection". Never rely on session state; qualify table names with
 *   their schema instead.
 * - Values are parsed like node-postgres under MikroORM's PostgreSQL driver, so raw SQL (`em.execute`) returns the
 *   same JS values on both drivers: int8 (e.g. `count(*)`) and numeric as strings; date, timestamp, timestamptz
 *   and interval as raw strings (MikroORM converts them for entity properties); json/jsonb parsed; vector as text.
 * - The pgvector extension is loaded and `CREATE EXTENSION IF NOT EXISTS vector` has run, so `vector`
 *   columns and the `<=>`, `<->`, `<#>` operators work (type and operators live in the `public` schema).
 */

/** `'memory'` for a throw-away in-memory database, otherwise a directory (created if missing). */
export type EmbeddedLocation = 'memory' | (string & {});

const instances = new Map<string, Promise<EmbeddedPglite>>();

function keyFor(location: EmbeddedLocation): string {
  if (location === 'memory' || location === 'memory://') return 'memory';
  return resolve(location);
}

async function create(key: string): Promise<EmbeddedPglite> {
  const pg = new ThreadedPglite(key === 'memory' ? undefined : key);
  try {
    await pg.waitReady;
  } catch (error) {
    await pg.close().catch(() => undefined);
    throw error;
  }
  return pg;
}

/**
 * The process-wide PGlite instance for `location` (memoised; concurrent callers get the same promise).
 * A relative directory is resolved against the current working directory; `./data` and `data` are the same instance.
 */
export function getEmbeddedPglite(location: EmbeddedLocation): Promise<EmbeddedPglite> {
  const key = keyFor(location);
  let instance = instances.get(key);
  if (!instance) {
    instance = create(key);
    instances.set(key, instance);
    // A failed start is not cached, so a later call can retry (e.g. after fixing directory permissions).
    instance.catch(() => {
      if (instances.get(key) === instance) instances.delete(key);
    });
  }
  return instance;
}

/** Whether an instance for `location` has been requested in this process (and not closed). */
export function hasEmbeddedPglite(location: EmbeddedLocation): boolean {
  return instances.has(keyFor(location));
}

/**
 * Closes the instance for `location` (flushing it to disk for a directory). Close every ORM that uses it first
 * (SubgraphDatabase.close() does not close the shared instance). A later getEmbeddedPglite() starts a new one;
 * for 'memory' that means an empty database.
 */
export async function closeEmbeddedPglite(location: EmbeddedLocation): Promise<void> {
  const key = keyFor(location);
  const instance = instances.get(key);
  if (!instance) return;
  instances.delete(key);
  const pg = await instance.catch(() => undefined);
  if (pg && !pg.closed) await pg.close();
}

/** Closes every embedded instance this process opened (for shutdown hooks and test teardown). */
export async function closeAllEmbeddedPglite(): Promise<void> {
  await Promise.all([...instances.keys()].map((key) => closeEmbeddedPglite(key)));
}
