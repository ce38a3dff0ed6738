import type { PGlite } from '@electric-sql/pglite';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelinedPgliteDriver } from './pipelined-pglite.js';
import { ThreadedPglite, type EmbeddedPglite } from './threaded-pglite.js';

/** Counts the statements sent to the instance and not yet answered: more than one means they were pipelined. */
function countingInFlight(pglite: EmbeddedPglite) {
  const counts = { inFlight: 0, most: 0 };
  const counted: EmbeddedPglite = Object.create(pglite);
  counted.query = async (...args: Parameters<EmbeddedPglite['query']>) => {
    counts.most = Math.max(counts.most, ++counts.inFlight);
    try {
      return await pglite.query(...args);
    } finally {
      counts.inFlight--;
    }
  };
  return { counted, counts };
}

describe('MikroORM on PGlite through the pipelined driver', () => {
  let pglite: ThreadedPglite;
  let orm: MikroORM;
  let counts: { inFlight: number; most: number };
  const em = () => orm.em.fork() as unknown as EntityManager;
  const count = async () => Number((await em().execute<{ n: string }[]>('select count(*) as n from pipelined.items'))[0]!.n);

  beforeAll(async () => {
    pglite = new ThreadedPglite(undefined);
    await pglite.waitReady;
    await pglite.exec('create schema pipelined; create table pipelined.items (id int primary key)');
    const counting = countingInFlight(pglite);
    counts = counting.counts;
    orm = await MikroORM.init<PipelinedPgliteDriver>({
      driver: PipelinedPgliteDriver,
      dbName: 'ragline',
      entities: [],
      discovery: { warnWhenNoEntities: false },
      ensureDatabase: false,
      driverOptions: { pglite: () => counting.counted as unknown as PGlite },
    });
  });
  afterAll(async () => {
    await orm?.close();
    await pglite?.close();
  });

  it('sends concurrent statements without waiting for the previous answer, each answered with its own rows', async () => {
    counts.most = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => em().execute<{ v: number }[]>('select ?::int as v', [i])));
    expect(answers.map((rows) => rows[0]!.v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(counts.most).toBeGreaterThan(1);
  });

  it('runs a statement from outside an open transaction only after it commits, never inside it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = em().transactional(async (tx) => {
      await tx.execute('insert into pipelined.items (id) values (1)');
      inserted();
      await gate;
    });
    await insertedOnce;
    let outside: number | undefined;
    const read = count().then((n) => (outside = n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outside).toBeUndefined();
    release();
    await transaction;
    expect(await read).toBe(1);
  });

  it('rolls a failed transaction back, and the instance serves the next statement', async () => {
    await expect(
      em().transactional(async (tx) => {
        await tx.execute('insert into pipelined.items (id) values (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count()).toBe(1);
    await expect(em().execute('insert into pipelined.items (id) values (1)')).rejects.toThrow(/duplicate key/);
    expect(await count()).toBe(1);
  });
});
