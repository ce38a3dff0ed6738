import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadedPglite } from './threaded-pglite.js';

describe('PGlite in a worker thread', () => {
  let pg: ThreadedPglite;
  beforeAll(async () => {
    pg = new ThreadedPglite(undefined);
    await pg.waitReady;
    await pg.exec(
      'create table items (id int primary key, name text not null, tags text[], embedding vector(3), big int8, at timestamptz)',
    );
  });
  afterAll(async () => {
    await pg.close();
  });

  it('answers queries with parameters, parsed as the drivers expect (int8 and timestamps as strings)', async () => {
    await pg.query('insert into items (id, name, tags, embedding, big, at) values ($1, $2, $3, $4, $5, $6)', [
      1,
      'one',
      ['a', 'b'],
      '[1,2,3]',
      '9007199254740993',
      '2026-12-06T00:00:00Z',
    ]);
    const { rows, fields } = await pg.query<{ name: string; tags: string[]; big: string; at: string; distance: number }>(
      `select name, tags, big, at, embedding <-> '[1,2,4]' as distance from items where id = $1`,
      [1],
    );
    expect(rows).toEqual([
      { name: 'one', tags: ['a', 'b'], big: '9007199254740993', at: expect.stringMatching(/^2026-12-06 00:00:00/), distance: 1 },
    ]);
    expect(fields.map((field) => field.name)).toEqual(['name', 'tags', 'big', 'at', 'distance']);
  });

  it('keeps the database error fields, so a unique violation is recognised by its code', async () => {
    const error = await pg.query('insert into items (id, name) values (1, $1)', ['again']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey', message: expect.stringContaining('duplicate key') });
  });

  it('commits a transaction that resolves and rolls back one that throws, rethrowing its error', async () => {
    await pg.transaction(async (tx) => {
      await tx.query('insert into items (id, name) values (2, $1)', ['two']);
      await tx.exec(`update items set name = 'TWO' where id = 2`);
    });
    await expect(
      pg.transaction(async (tx) => {
        await tx.query('insert into items (id, name) values (3, $1)', ['three']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await pg.query<{ id: number; name: string }>('select id, name from items where id in (2, 3) order by id');
    expect(rows).toEqual([{ id: 2, name: 'TWO' }]);
  });

  it('runs statements issued outside an open transaction after it ends, as PGlite does in one thread', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = pg.transaction(async (tx) => {
      await tx.query('insert into items (id, name) values (4, $1)', ['four']);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = pg.query<{ n: number }>('select count(*)::int as n from items where id = 4');
    let answered = false;
    void outside.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ n: 1 }]);
  });

  it('copies from a blob', async () => {
    await pg.exec('create table lines (line text)');
    await pg.query(`copy lines from '/dev/blob'`, [], { blob: new Blob(['first\nsecond\n']) });
    expect((await pg.query<{ line: string }>('select line from lines order by line')).rows.map((row) => row.line)).toEqual([
      'first',
      'second',
    ]);
  });

  it('refuses options and parameters that cannot cross the thread, and goes on answering', async () => {
    await expect(pg.query('select 1', [], { onNotice: () => undefined })).rejects.toThrow(/onNotice cannot be passed/);
    await expect(
      pg.query('select $1::text as value', [() => 'a function']).then(
        () => 'sent',
        (error: Error) => error.name,
      ),
    ).resolves.toBe('DataCloneError');
    expect((await pg.query<{ value: string }>('select $1::text as value', ['next'])).rows).toEqual([{ value: 'next' }]);
  });

  it('opens a fresh data directory (initialised by a child process) and finds its rows when reopened', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ragline-threaded-pglite-'));
    const dataDir = join(root, 'pglite');
    try {
      const first = new ThreadedPglite(dataDir);
      await first.waitReady;
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      await first.exec("create table notes (body text); insert into notes values ('kept')");
      await first.close();
      const second = new ThreadedPglite(dataDir);
      await second.waitReady;
      expect((await second.query<{ body: string }>('select body from notes')).rows).toEqual([{ body: 'kept' }]);
      await second.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('is closed after close, and refuses statements', async () => {
    const other = new ThreadedPglite(undefined);
    await other.waitReady;
    expect(other.ready).toBe(true);
    await other.close();
    expect(other.closed).toBe(true);
    await expect(other.query('select 1')).rejects.toThrow('PGlite is closed');
  });
});
