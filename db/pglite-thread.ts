/**
 * Worker-thread side of ./threaded-pglite.ts: owns one PGlite instance and answers its client's requests.
 *
 * Node loads this file itself (type stripping under vitest, the compiled .js from dist/), so it imports packages only
 * and uses erasable TypeScript syntax only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types, type ParserOptions, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { createPostgreSqlTypeParsers } from '@mikro-orm/pglite';
import type { PgliteRequest, PgliteResponse, SerializedError, ThreadQueryOptions } from './pglite-thread-protocol.js';

const identity = (value: string) => value;
const rawArray = (value: string) => types.arrayParser(value, identity, 0);

/** MikroORM's own PostgreSQL overrides (dates/intervals stay strings) plus node-postgres' int8-as-string. */
const parsers: ParserOptions = {
  ...createPostgreSqlTypeParsers(rawArray),
  [types.INT8]: identity,
  1016 /* int8[] */: rawArray,
};

interface OpenTransaction {
  tx: Transaction;
  end: (commit: boolean) => void;
  done: Promise<unknown>;
}

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string | undefined };
const transactions = new Map<number, OpenTransaction>();
let nextTransactionId = 1;

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), props: {} };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // Functions and the query's parameters stay here: the client has its own copy of what it sent.
    if (typeof value !== 'function' && key !== 'queryOptions' && key !== 'params') props[key] = value;
  }
  return { name: error.name, message: error.message, props };
}

function queryOptions(request: ThreadQueryOptions): QueryOptions {
  return {
    ...(request.rowMode ? { rowMode: request.rowMode } : {}),
    ...(request.blob ? { blob: new Blob([request.blob]) } : {}),
    ...(request.paramTypes ? { paramTypes: request.paramTypes } : {}),
  };
}

function target(pg: PGlite, transactionId: number | undefined): PGlite | Transaction {
  if (transactionId === undefined) return pg;
  const open = transactions.get(transactionId);
  if (!open) throw new Error(`transaction ${transactionId} is not open`);
  return open.tx;
}

async function begin(pg: PGlite): Promise<number> {
  const id = nextTransactionId++;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  let end!: (commit: boolean) => void;
  const ended = new Promise<boolean>((resolve) => (end = resolve));
  const done = pg.transaction(async (tx) => {
    transactions.set(id, { tx, end, done });
    started();
    // A rollback is PGlite's own: throwing from the callback rolls back and rejects `done`.
    if (!(await ended)) throw new RolledBack();
  });
  // A transaction that fails to begin rejects `done` before `started` is called.
  await Promise.race([ready, done]);
  return id;
}

class RolledBack extends Error {}

async function finish(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error(`transaction ${id} is not open`);
  open.end(commit);
  try {
    await open.done;
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    transactions.delete(id);
  }
}

async function handle(pg: PGlite, request: PgliteRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return target(pg, request.transaction).query(request.sql, request.params, queryOptions(request));
    case 'exec':
      return target(pg, request.transaction).exec(request.sql, queryOptions(request));
    case 'begin':
      return begin(pg);
    case 'end':
      return finish(request.transaction, request.commit);
    case 'close':
      if (!pg.closed) await pg.close();
      return undefined;
  }
}

/** Every request is answered: a value that cannot be copied back (an error field holding a function, say) becomes an error. */
function reply(response: PgliteResponse): void {
  try {
    port.postMessage(response);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({
      id: response.id,
      ok: false,
      error: { name: 'DataCloneError', message: `the database's answer could not be sent back: ${message}`, props: {} },
    } satisfies PgliteResponse);
  }
}

/**
 * Postgres's buffer cache lives in the WebAssembly heap, which never gives memory back: with the default 128 MB it
 * filled as the knowledge base grew and stayed resident. A smaller cache leaves the rest of the data to the operating
 * system's page cache (a data directory) or to the in-memory file system (`pglite:memory`, where the pages are in
 * the heap anyway and a second copy in shared buffers bought nothing). docs/benchmarks.md, "Memory soak".
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=32MB'];

/**
 * On an empty directory PGlite runs initdb in a second Postgres instance of its own and snapshots its whole heap, and
 * V8 optimises Postgres's hot code meanwhile: in this process that stacked to 1.25 GiB RSS on a fresh data directory
 * against 0.9 GiB on a reused one (docs/benchmarks.md, "The start-up peak"). A short-lived child process on V8's
 * baseline compiler does it instead, and this process always opens an initialised directory.
 */
async function initialiseDataDirectory(directory: string): Promise<void> {
  if (existsSync(path.join(directory, 'PG_VERSION'))) return;
  const script = new URL(import.meta.url.endsWith('.ts') ? './pglite-initdb.ts' : './pglite-initdb.js', import.meta.url);
  const child = spawn(process.execPath, ['--liftoff-only', fileURLToPath(script), directory], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`initialising the data directory ${directory} failed (exit ${code}): ${stderr.trim()}`);
}

async function open(): Promise<PGlite> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    await initialiseDataDirectory(dataDir);
  }
  const startParams = [...PGlite.defaultStartParams, ...MEMORY_SETTINGS];
  const pg = await PGlite.create({ extensions: { vector }, parsers, startParams, ...(dataDir ? { dataDir } : {}) });
  try {
    await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    await pg.close().catch(() => undefined);
    throw error;
  }
  return pg;
}

try {
  const pg = await open();
  port.on('message', (request: PgliteRequest) => {
    handle(pg, request).then(
      (value) => reply({ id: request.id, ok: true, value }),
      (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
    );
  });
  reply({ id: 0, ok: true, value: 'ready' });
} catch (error) {
  reply({ id: 0, ok: false, error: serializeError(error) });
}
