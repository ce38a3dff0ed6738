/**
 * One in-memory PGlite (with pgvector, as db/pglite-thread.ts loads it) served over the PostgreSQL wire protocol by
 * @electric-sql/pglite-socket, so several processes can share one database that has pgvector (the machine's
 * PostgreSQL has none). Run by Node itself (`node test/support/pglite-wire-server.ts [--unguarded]`, type stripping):
 * packages only, erasable syntax only. Prints `{"port":N}` on stdout once it listens; stops on SIGTERM.
 *
 * pglite-socket lets many connections take turns on PGlite's single backend, one protocol message at a time, and keeps
 * the turn with a connection only while PGlite says it is inside an explicit transaction (BEGIN...COMMIT). An
 * extended-protocol query (Parse, Bind, Describe, Execute, Sync) is several messages, and the unnamed statement and
 * portal it builds belong to the one session: when a client's messages arrive split over TCP reads (a large Bind:
 * ingestion's chunk inserts), another connection's Parse can run between its Parse and Bind, and the Bind then binds
 * the other statement ("bind message supplies 3 parameters, but prepared statement "" requires 1", or worse, the wrong
 * statement with the same number of parameters). And a connection that dies between a failed Execute and its Sync
 * leaves the one backend skipping every message up to a Sync nobody sends: every other connection then hangs.
 * test/support/pglite-wire-server.test.ts shows both with `--unguarded`.
 *
 * The guard below makes a whole query the unit of turn-taking: a connection keeps the turn from its first message
 * until PGlite answers with ReadyForQuery (the end of a Sync or of a simple query), as well as through a transaction.
 * When a connection dies holding the turn (its process was killed mid-query), what it left open is undone before the
 * next connection's turn, as PostgreSQL does for a lost connection: an unfinished query is rolled back, a failed one
 * closed with the Sync it never sent, and an open transaction rolled back.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const READY_FOR_QUERY = 0x5a; // 'Z'
const ERROR_RESPONSE = 0x45; // 'E'
const TERMINATE = 0x58; // 'X'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

type RawStreamOptions = { syncToFs?: boolean; onRawData: (data: Uint8Array) => void };

/** A simple-protocol Query message. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** The type bytes of the backend messages in `output` (whole messages, as PGlite answers one request). */
function messageTypes(output: Buffer): number[] {
  const types: number[] = [];
  for (let offset = 0; offset + 5 <= output.length; offset += 1 + output.readInt32BE(offset + 1)) types.push(output[offset]!);
  return types;
}

/** `db` as pglite-socket's queue sees it, with a query (not only a transaction) held by one connection to its end. */
function guardQueries(db: PGlite): PGlite {
  /** A connection has sent part of a query and PGlite has not yet answered ReadyForQuery. */
  let midQuery = false;
  /** ...and PGlite answered part of it with an error (it now skips every message up to the Sync). */
  let midQueryFailed = false;

  async function execProtocolRawStream(message: Uint8Array, options: RawStreamOptions): Promise<void> {
    if (message[0] === TERMINATE) return db.execProtocolRawStream(message, options);
    const output: Uint8Array[] = [];
    await db.execProtocolRawStream(message, {
      ...options,
      onRawData: (data) => {
        output.push(data.slice());
        options.onRawData(data);
      },
    });
    const types = messageTypes(Buffer.concat(output));
    midQuery = types.at(-1) !== READY_FOR_QUERY;
    midQueryFailed = midQuery && (midQueryFailed || types.includes(ERROR_RESPONSE));
  }

  /** pglite-socket calls exec('ROLLBACK') when the connection holding the turn goes away. */
  async function exec(sql: string): Promise<unknown> {
    if (sql !== 'ROLLBACK') return db.exec(sql);
    if (midQuery) await db.execProtocolRaw(midQueryFailed ? SYNC : simpleQuery('ROLLBACK'));
    midQuery = midQueryFailed = false;
    return db.isInTransaction() ? db.exec('ROLLBACK') : [];
  }

  return new Proxy(db, {
    get(target, key) {
      if (key === 'isInTransaction') return () => midQuery || target.isInTransaction();
      if (key === 'execProtocolRawStream') return execProtocolRawStream;
      if (key === 'exec') return exec;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const unguarded = process.argv.includes('--unguarded');
const db = await PGlite.create({ extensions: { vector } });
await db.exec('create extension if not exists vector');
const server = new PGLiteSocketServer({ db: unguarded ? db : guardQueries(db), host: '127.0.0.1', port: 0, maxConnections: 100 });
server.addEventListener('listening', (event) => {
  const { port } = (event as CustomEvent<{ port: number }>).detail;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
await server.start();
process.once('SIGTERM', () => {
  void server
    .stop()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
