import type { PGlite } from '@electric-sql/pglite';
import { EntityManagerType, type Configuration, type Dictionary } from '@mikro-orm/core';
// @mikro-orm/pglite re-exports @mikro-orm/sql (the SQL driver base), so this names one dependency, not two.
import { AbstractSqlDriver, BasePostgreSqlEntityManager, PgliteConnection, PgliteDriver, PglitePlatform } from '@mikro-orm/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { EmbeddedPglite, PgliteQueries } from './threaded-pglite.js';

/**
 * MikroORM on the shared PGlite with a kysely connection per query, instead of kysely's PGlite dialect, which declares
 * one connection and so holds a mutex from each statement's send to its answer being handled on the main thread. Our
 * PGlite runs in a worker thread (ThreadedPglite) and orders statements itself: with a connection per acquisition, the
 * next statement is already queued in the worker while the main thread is busy with the previous answer, instead of
 * waiting for it. Semantics stay PGlite's: one backend; a transaction holds the instance until it ends, and statements
 * from outside it wait (in the worker, not in a main-thread mutex).
 */
export class PipelinedPgliteDriver extends AbstractSqlDriver<PipelinedPgliteConnection, PglitePlatform> {
  declare [EntityManagerType]: BasePostgreSqlEntityManager<this>;

  constructor(config: Configuration) {
    super(config, new PglitePlatform(), PipelinedPgliteConnection, ['kysely', '@electric-sql/pglite']);
  }

  override createEntityManager(useContext?: boolean): this[typeof EntityManagerType] {
    const EntityManagerClass = this.config.get('entityManager', BasePostgreSqlEntityManager);
    return new EntityManagerClass(this.config, this, this.metadata, useContext) as this[typeof EntityManagerType];
  }

  override getORMClass(): ReturnType<PgliteDriver['getORMClass']> {
    return PgliteDriver.prototype.getORMClass.call(this);
  }
}

/** MikroORM's PGlite connection on a caller-supplied instance (`driverOptions.pglite`), through the pipelined dialect. */
export class PipelinedPgliteConnection extends PgliteConnection {
  private pglite: EmbeddedPglite | undefined;

  override createKyselyDialect(overrides: Dictionary): never {
    const supplied = overrides.pglite as (() => EmbeddedPglite) | EmbeddedPglite | undefined;
    if (!supplied) throw new Error('PipelinedPgliteDriver needs driverOptions.pglite (the shared instance)');
    this.pglite = typeof supplied === 'function' ? supplied() : supplied;
    return new PipelinedPgliteDialect(this.pglite) as never;
  }

  override async getNativeClient(): Promise<PGlite> {
    await this.ensureConnection();
    return this.pglite as unknown as PGlite;
  }

  override async executeDump(source: string): Promise<void> {
    await (await this.getNativeClient()).exec(source);
  }
}

class PipelinedPgliteDialect implements Dialect {
  constructor(private readonly pglite: EmbeddedPglite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PipelinedPgliteKyselyDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PipelinedPgliteKyselyDriver implements Driver {
  constructor(private readonly pglite: EmbeddedPglite) {}

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgliteStatementConnection(this.pglite);
  }
  async releaseConnection(): Promise<void> {}
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteStatementConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteStatementConnection).end(true);
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteStatementConnection).end(false);
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoted(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoted(name)}`));
  }
  /** The instance is shared by every subgraph's ORM and closed by its owner (db/embedded-pglite.ts), never here. */
  async destroy(): Promise<void> {}
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** One acquisition: plain statements go straight to the instance; a transaction's go to the transaction it opened. */
class PgliteStatementConnection implements DatabaseConnection {
  private transaction: { queries: PgliteQueries; finish(commit: boolean): void; closed: Promise<void> } | undefined;

  constructor(private readonly pglite: EmbeddedPglite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.transaction?.queries ?? this.pglite;
    const { affectedRows, rows } = await target.query<R>(compiledQuery.sql, [...compiledQuery.parameters], { rowMode: 'object' });
    return { numAffectedRows: affectedRows != null ? BigInt(affectedRows) : undefined, rows: rows ?? [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.');
  }

  /** PGlite's exclusive transaction: held open until `end`, so nothing else runs on the instance meanwhile. */
  async begin(): Promise<void> {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    let begun!: (queries: PgliteQueries) => void;
    const opened = new Promise<PgliteQueries>((resolve) => (begun = resolve));
    const closed = this.pglite.transaction(async (tx) => {
      begun(tx);
      if (!(await decided)) throw ROLLBACK;
    });
    const queries = await Promise.race([opened, closed.then(() => Promise.reject(new Error('the transaction ended before it began')))]);
    this.transaction = {
      queries,
      finish,
      closed: closed.catch((error: unknown) => (error === ROLLBACK ? undefined : Promise.reject(error))),
    };
  }

  async end(commit: boolean): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    if (!transaction) return;
    transaction.finish(commit);
    if (commit) await transaction.closed;
    else await transaction.closed.catch(() => undefined);
  }
}

const ROLLBACK = Symbol('rollback');
