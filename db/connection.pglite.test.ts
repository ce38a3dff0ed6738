import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPglite } from './embedded-pglite.js';
import { createLogger } from '../platform/logger.js';
import { openSubgraphDatabase, type SubgraphDatabase } from './connection.js';
import { closeAllEmbeddedPglite, getEmbeddedPglite } from './embedded-pglite.js';
import { SubgraphMigration } from './migration.js';
import { widgetMigrations, Migration0001Widgets } from '../test/fixtures/db/migrations.js';
import { Widget } from '../test/fixtures/db/widget.entity.js';

const logger = createLogger({ level: 'silent', service: 'db-test' });
const URL = 'pglite:memory';

// One in-memory PGlite for the whole file (starting one takes ~2 s); tests keep apart by schema.
let pglite: EmbeddedPglite;
beforeAll(async () => {
  pglite = await getEmbeddedPglite('memory');
});
afterAll(async () => {
  await closeAllEmbeddedPglite();
});

async function tablesIn(schema: string): Promise<string[]> {
  const { rows } = await pglite.query<{ table_name: string }>(
    'select table_name from information_schema.tables where table_schema = $1 order by table_name',
    [schema],
  );
  return rows.map((r) => r.table_name);
}

async function executedMigrations(schema: string): Promise<string[]> {
  const { rows } = await pglite.query<{ name: string }>(`select name from "${schema}".mikro_orm_migrations order by id`);
  return rows.map((r) => r.name);
}

describe('openSubgraphDatabase on embedded PGlite', () => {
  let db: SubgraphDatabase;

  beforeAll(async () => {
    db = await openSubgraphDatabase({
      subgraph: 'orders',
      url: URL,
      schema: 'orders_pglite_test',
      entities: [Widget],
      migrations: widgetMigrations,
      requiresVector: true,
      migrateOnOpen: false,
      logger,
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates the schema but applies nothing when migrateOnOpen is false', async () => {
    expect(db.kind).toBe('pglite');
    expect(db.schema).toBe('orders_pglite_test');
    await db.ping();
    expect(await tablesIn('orders_pglite_test')).not.toContain('widgets');
  });

  it('applies pending migrations once, tracked inside the subgraph schema', async () => {
    expect(await db.migrate()).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
    expect(await db.migrate()).toEqual([]);
    expect(await tablesIn('orders_pglite_test')).toEqual(['mikro_orm_migrations', 'widgets']);
    expect(await executedMigrations('orders_pglite_test')).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
    expect(await tablesIn('public')).not.toContain('mikro_orm_migrations');
  });

  it('round-trips an entity through persist/flush/find', async () => {
    const em = db.em();
    const widget = em.create(Widget, { tenantId: 'tenant-a', name: 'Sprocket', priceCents: 1299 });
    await em.persist(widget).flush();
    expect(widget.id).toMatch(/^[0-9a-f-]{36}$/);

    const fresh = db.em(); // new identity map: comes from the database
    const found = await fresh.findOneOrFail(Widget, { id: widget.id });
    expect(found).not.toBe(widget);
    expect(found).toMatchObject({ tenantId: 'tenant-a', name: 'Sprocket', priceCents: 1299 });
    expect(found.createdAt).toBeInstanceOf(Date);
    expect(found.createdAt.getTime()).toBe(widget.createdAt.getTime());

    found.priceCents = 1499;
    await fresh.flush();
    expect((await db.em().find(Widget, { tenantId: 'tenant-a' })).map((w) => w.priceCents)).toEqual([1499]);

    // The ORM qualified the table with the configured schema (the entity does not name one).
    const { rows } = await pglite.query<{ n: number }>('select count(*)::int as n from orders_pglite_test.widgets');
    expect(rows[0]?.n).toBe(1);
  });

  it('returns raw values like node-postgres does (int8 as string, timestamps as strings)', async () => {
    const [row] = await db.em().execute<{ n: string; at: string }[]>(`select count(*) as n, now() as at from "orders_pglite_test".widgets`);
    expect(row).toEqual({ n: expect.any(String), at: expect.any(String) });
  });

  it('supports the query builder and transactional()', async () => {
    await db.em().transactional(async (em) => {
      em.create(Widget, { tenantId: 'tenant-b', name: 'Gear', priceCents: 500 });
      em.create(Widget, { tenantId: 'tenant-b', name: 'Cog', priceCents: 250 });
    });
    const rows = await db
      .em()
      .createQueryBuilder(Widget)
      .select(['id', 'name'])
      .where({ tenantId: 'tenant-b' })
      .orderBy({ priceCents: 'asc' })
      .getResultList();
    expect(rows.map((w) => w.name)).toEqual(['Cog', 'Gear']);

    await expect(
      db.em().transactional(async (em) => {
        em.create(Widget, { tenantId: 'tenant-c', name: 'Doomed', priceCents: 1 });
        await em.flush();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.em().count(Widget, { tenantId: 'tenant-c' })).toBe(0);
  });

  it('serialises units of work: an open transaction blocks others, and its rollback does not take their writes', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let began!: () => void;
    const begun = new Promise<void>((r) => (began = r));
    const doomed = db.em().transactional(async (em) => {
      em.create(Widget, { tenantId: 'tenant-d', name: 'uncommitted', priceCents: 1 });
      await em.flush();
      began();
      await sleep(150);
      throw new Error('roll back');
    });
    // Handled at once: the rollback can land (on the database's thread) before the statements below answer.
    const rolledBack = expect(doomed).rejects.toThrow('roll back');
    await begun;
    const started = Date.now();
    // Neither sees the uncommitted row nor runs inside the other transaction: it waits for it to end.
    expect(await db.em().count(Widget, { tenantId: 'tenant-d' })).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await db
      .em()
      .execute(
        `insert into "orders_pglite_test".widgets (id, tenant_id, name, price_cents) values (gen_random_uuid(), 'tenant-d', 'kept', 2)`,
      );
    await rolledBack;
    expect((await db.em().find(Widget, { tenantId: 'tenant-d' })).map((w) => w.name)).toEqual(['kept']);
  });

  it('has a working pgvector extension', async () => {
    const [row] = await db.em().execute<{ distance: number }[]>(`select '[1,2,3]'::vector <=> '[1,2,4]'::vector as distance`);
    expect(row?.distance).toBeCloseTo(0.00854, 4);
  });
});

describe('several subgraphs on one PGlite instance', () => {
  class Migration0001Gadgets extends SubgraphMigration {
    override up(): void {
      this.addSql(`create table ${this.table('gadgets')} (id serial primary key, label text not null)`);
    }
  }

  it('share the instance but not tables or migration state', async () => {
    const a = await openSubgraphDatabase({
      subgraph: 'knowledge',
      url: URL,
      schema: 'iso_a',
      entities: [Widget],
      migrations: widgetMigrations,
      logger,
    });
    const b = await openSubgraphDatabase({
      subgraph: 'assistant',
      url: URL,
      schema: 'iso_b',
      entities: [Widget],
      migrations: [
        { name: '0001_widgets', class: Migration0001Widgets },
        { name: '0001_gadgets', class: Migration0001Gadgets },
      ],
      logger,
    });
    try {
      expect(await getEmbeddedPglite('memory')).toBe(pglite);
      expect(await executedMigrations('iso_a')).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
      expect(await executedMigrations('iso_b')).toEqual(['0001_widgets', '0001_gadgets']);
      expect(await tablesIn('iso_a')).toEqual(['mikro_orm_migrations', 'widgets']);
      expect(await tablesIn('iso_b')).toEqual(['gadgets', 'mikro_orm_migrations', 'widgets']);

      // The same entity class lands in each ORM's own schema.
      const emA = a.em();
      emA.create(Widget, { tenantId: 't', name: 'only in a', priceCents: 1 });
      await emA.flush();
      expect(await a.em().count(Widget)).toBe(1);
      expect(await b.em().count(Widget)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
    // Closing the ORMs leaves the shared instance open.
    expect(pglite.closed).toBe(false);
    await expect(pglite.query('select 1')).resolves.toBeTruthy();
  });

  it('runs a batch of migrations all-or-nothing', async () => {
    class Migration0002Broken extends SubgraphMigration {
      override up(): void {
        this.addSql(`alter table ${this.table('no_such_table')} add column x int`);
      }
    }
    await expect(
      openSubgraphDatabase({
        subgraph: 'orders',
        url: URL,
        schema: 'broken_batch',
        entities: [Widget],
        migrations: [
          { name: '0001_widgets', class: Migration0001Widgets },
          { name: '0002_broken', class: Migration0002Broken },
        ],
        logger,
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await tablesIn('broken_batch')).not.toContain('widgets');
    expect(await executedMigrations('broken_batch')).toEqual([]);
  });

  it('says which database it cannot reach', async () => {
    await expect(
      openSubgraphDatabase({
        subgraph: 'orders',
        url: 'postgres://postgres:secret@127.0.0.1:1/nowhere',
        entities: [],
        migrations: [],
        logger,
      }),
    ).rejects.toThrow(/^The orders subgraph cannot reach its database at 127\.0\.0\.1:1\/nowhere: /);
  });

  it('rejects schema names that would need quoting', async () => {
    await expect(
      openSubgraphDatabase({ subgraph: 'orders', url: URL, schema: 'Bad-Name', entities: [], migrations: [], logger }),
    ).rejects.toThrow(/Invalid schema name "Bad-Name"/);
  });
});
