import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgliteWireServer, type PgliteWireServer } from './service-processes.js';
import { waitFor } from './wait-for.js';

/** A frontend message: type byte, length, body. */
function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`);
const int16 = (value: number) => Buffer.from([value >> 8, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

/**
 * A client that sends one extended-protocol statement (Parse, Bind, Execute) and dies before its Sync: what a process
 * killed mid-query leaves on its connection.
 */
async function dieMidQuery(url: string, sql: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])));
  const startup = Buffer.concat([
    int32(196608),
    cstring('user'),
    cstring('postgres'),
    cstring('database'),
    cstring('postgres'),
    cstring(''),
  ]);
  socket.write(Buffer.concat([int32(4 + startup.length), startup]));
  await waitFor(() => received.includes(Buffer.from('Z\0\0\0\x05')), 'the startup to finish');
  received = Buffer.alloc(0);
  socket.write(
    Buffer.concat([
      message('P', cstring(''), cstring(sql), int16(0)),
      message('B', cstring(''), cstring(''), int16(0), int16(0), int16(0)),
      message('E', cstring(''), int32(0)),
    ]),
  );
  // CommandComplete, or ErrorResponse: after an error the backend skips every message up to the Sync that never comes.
  await waitFor(() => received.includes(Buffer.from('C')) || received.includes(Buffer.from('E')), 'the statement to run');
  socket.destroy();
}

describe('one PGlite served to several processes (test/support/pglite-wire-server.ts)', () => {
  let server: PgliteWireServer;
  let pools: pg.Pool[];

  beforeAll(async () => {
    server = await startPgliteWireServer();
    pools = [0, 1].map(() => new pg.Pool({ connectionString: server.url, max: 4, query_timeout: 10_000 }));
    await pools[0]!.query('create table notes (writer int, n int, body text)');
  });
  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.end()));
    await server?.stop();
  });

  it("keeps each connection's query whole: a large statement split over TCP reads is not cut into by another", async () => {
    // Large bodies arrive in several reads; pglite-socket alone then runs another connection's Parse between this one's
    // Parse and Bind ("bind message supplies 3 parameters, but prepared statement "" requires 1").
    const body = 'x'.repeat(300_000);
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        const pool = pools[writer % 2]!;
        for (let n = 0; n < 25; n++) {
          try {
            if (writer % 2 === 0) {
              await pool.query('insert into notes (writer, n, body) values ($1, $2, $3)', [writer, n, body]);
            } else {
              const { rows } = await pool.query(`select $1::int as n, 'reader ${writer}' as who`, [n]);
              if (rows[0].n !== n || rows[0].who !== `reader ${writer}`) failures.push(`reader ${writer} got ${JSON.stringify(rows)}`);
            }
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    const { rows } = await pools[0]!.query('select count(*)::int as notes, min(length(body)) as shortest from notes');
    expect(rows[0]).toEqual({ notes: 100, shortest: 300_000 });
  }, 60_000);

  it('undoes what a connection that died mid-query or mid-transaction left open, and the others go on', async () => {
    await pools[0]!.query('create table kills (what text)');
    await dieMidQuery(server.url, "insert into kills values ('unsynced insert')");
    await dieMidQuery(server.url, "insert into kills values ('failed ' || 1 / 0)");
    const dying = await pools[1]!.connect();
    await dying.query('begin');
    await dying.query("insert into kills values ('uncommitted insert')");
    dying.release(new Error('killed'));
    await pools[1]!.query("insert into kills values ('survivor')");
    const { rows } = await pools[0]!.query('select what from kills');
    expect(rows).toEqual([{ what: 'survivor' }]);
  }, 30_000);
});
