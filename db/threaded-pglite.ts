import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import type { PgliteRequest, PgliteResponse, SerializedError, ThreadQueryOptions } from './pglite-thread-protocol.js';

/** What the platform uses of PGlite, inside or outside a transaction. */
export interface PgliteQueries {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
}

/**
 * The subset of PGlite's API the platform and MikroORM's PGlite driver (through kysely) use: queries, multi-statement
 * scripts and transactions. Options that are functions (parsers, serializers, onNotice) are not supported.
 */
export interface EmbeddedPglite extends PgliteQueries {
  transaction<T>(callback: (tx: PgliteQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly closed: boolean;
  readonly ready: boolean;
  readonly waitReady: Promise<void>;
}

/** `import.meta.url` ends in .ts when the sources run directly (vitest); Node strips the worker's types itself. */
const threadScript = new URL(import.meta.url.endsWith('.ts') ? './pglite-thread.ts' : './pglite-thread.js', import.meta.url);

/**
 * PGlite in a worker thread. PGlite runs PostgreSQL in WebAssembly synchronously: on the main thread every statement
 * stopped the event loop for its whole run (0.4-1.9 ms per statement of a chat turn, docs/benchmarks.md), and with it
 * every request and stream of every subgraph in the process. Here a statement costs the caller a message each way and
 * the database's work runs on another core. Semantics are PGlite's own: one backend, statements in arrival order,
 * a transaction holds the instance until it ends.
 */
export class ThreadedPglite implements EmbeddedPglite {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private isReady = false;
  private isClosed = false;
  private closing: Promise<void> | undefined;

  /** `dataDir` undefined: in memory. */
  constructor(dataDir: string | undefined) {
    // Referenced only while a request (the start first) waits: an idle database never keeps the process alive.
    this.worker = new Worker(threadScript, { workerData: { dataDir } });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.pending.set(0, {
        resolve: () => {
          this.isReady = true;
          resolve();
        },
        reject,
      });
    });
    this.worker.on('message', (response: PgliteResponse) => this.settle(response));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      this.isClosed = true;
      this.failAll(new Error(`the PGlite worker thread exited (code ${code})`));
    });
  }

  get ready(): boolean {
    return this.isReady && !this.isClosed;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.statement({ op: 'query', sql, params }, undefined, options) as Promise<Results<T>>;
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.statement({ op: 'exec', sql }, undefined, options) as Promise<Results[]>;
  }

  /** Commits when `callback` resolves, rolls back when it throws (and rethrows). */
  async transaction<T>(callback: (tx: PgliteQueries) => Promise<T>): Promise<T> {
    const id = (await this.request({ op: 'begin' })) as number;
    const tx: PgliteQueries = {
      query: <R = Record<string, unknown>>(sql: string, params: unknown[] = [], options?: QueryOptions) =>
        this.statement({ op: 'query', sql, params }, id, options) as Promise<Results<R>>,
      exec: (sql: string, options?: QueryOptions) => this.statement({ op: 'exec', sql }, id, options) as Promise<Results[]>,
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      await this.request({ op: 'end', transaction: id, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.request({ op: 'end', transaction: id, commit: true });
    return result;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.isClosed) await this.request({ op: 'close' }).catch(() => undefined);
      this.isClosed = true;
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private async statement(
    statement: { op: 'query'; sql: string; params: unknown[] } | { op: 'exec'; sql: string },
    transaction: number | undefined,
    options: QueryOptions | undefined,
  ): Promise<unknown> {
    const thread = threadOptions(options);
    return this.request({
      ...statement,
      ...(transaction === undefined ? {} : { transaction }),
      ...(thread instanceof Promise ? await thread : thread),
    });
  }

  private request(request: DistributiveOmit<PgliteRequest, 'id'>): Promise<unknown> {
    if (this.isClosed && request.op !== 'close') return Promise.reject(new Error('PGlite is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Throws for a value that cannot be copied to the thread (a function among the parameters, say): nothing was sent.
      this.worker.postMessage({ ...request, id });
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  private settle(response: PgliteResponse): void {
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker.unref();
    if (response.ok) waiter.resolve(response.value);
    else waiter.reject(toError(response.error));
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Synchronous unless there is a blob to read: a statement without one is posted in the same tick it was issued, so
 * statements reach the database in the order they were issued, as with PGlite in the same thread.
 */
function threadOptions(options: QueryOptions | undefined): ThreadQueryOptions | Promise<ThreadQueryOptions> {
  if (!options) return {};
  const { rowMode, blob, paramTypes, ...rest } = options;
  const unsupported = Object.keys(rest).filter((key) => rest[key as keyof typeof rest] !== undefined);
  if (unsupported.length) throw new Error(`PGlite query options ${unsupported.join(', ')} cannot be passed to the database thread`);
  const plain = { ...(rowMode ? { rowMode } : {}), ...(paramTypes ? { paramTypes } : {}) };
  return blob ? blob.arrayBuffer().then((bytes) => ({ ...plain, blob: new Uint8Array(bytes) })) : plain;
}

/** The database's error with its fields (code, constraint, detail, ...) as PGlite threw it, and the caller's stack. */
function toError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  Object.assign(error, serialized.props);
  return error;
}
