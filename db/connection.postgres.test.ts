import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { openSubgraphDatabase, type SubgraphDatabase } from './connection.js';
import { widgetMigrations } from '../test/fixtures/db/migrations.js';
import { Widget } from '../test/fixtures/db/widget.entity.js';

// Runs only against a real server: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test -- db
const DATABASE_URL = process.env.DATABASE_URL ?? '';
const enabled = /^postgres(ql)?:\/\//.test(DATABASE_URL);
const logger = createLogger({ level: 'silent', service: 'db-test' });

describe.skipIf(!enabled)('openSubgraphDatabase on PostgreSQL', () => {
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const schema = `t_db_${run}`;
  const otherSchema = `t_db_other_${run}`;
  let db: SubgraphDatabase;

  const open = (overrides: Partial<Parameters<typeof openSubgraphDatabase>[0]> = {}) =>
    openSubgraphDatabase({
      subgraph: 'orders',
      url: DATABASE_URL,
      schema,
      entities: [Widget],
      migrations: widgetMigrations,
      logger,
      ...overrides,
    });

  const schemaExists = async (name: string) => {
    const [row] = await db
      .em()
      .execute<{ present: boolean }[]>('select exists(select 1 from pg_namespace where nspname = ?) as present', [name]);
    return row?.present;
  };

  beforeAll(async () => {
    db = await open({ migrateOnOpen: false });
  });

  afterAll(async () => {
    if (!db) return;
    for (const name of [schema, otherSchema]) await db.em().execute(`drop schema if exists "${name}" cascade`);
    await db.close();
  });

  it('creates the schema and applies pending migrations once', async () => {
    expect(db.kind).toBe('postgres');
    await db.ping();
    expect(await schemaExists(schema)).toBe(true);
    expect(await db.migrate()).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
    expect(await db.migrate()).toEqual([]);
    const rows = await db.em().execute<{ name: string }[]>(`select name from "${schema}".mikro_orm_migrations order by id`);
    expect(rows.map((r) => r.name)).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
  });

  it('round-trips an entity through persist/flush/find', async () => {
    const em = db.em();
    const widget = em.create(Widget, { tenantId: 'tenant-a', name: 'Sprocket', priceCents: 1299 });
    await em.persist(widget).flush();

    const found = await db.em().findOneOrFail(Widget, { id: widget.id });
    expect(found).not.toBe(widget);
    expect(found).toMatchObject({ tenantId: 'tenant-a', name: 'Sprocket', priceCents: 1299 });
    expect(found.createdAt).toBeInstanceOf(Date);
    expect(found.createdAt.getTime()).toBe(widget.createdAt.getTime());

    const [raw] = await db.em().execute<{ n: string; at: string }[]>(`select count(*) as n, now() as at from "${schema}".widgets`);
    expect(raw).toEqual({ n: '1', at: expect.any(String) }); // same raw value types as on PGlite
  });

  it('keeps another schema (another subgraph) separate, and serialises concurrent openers', async () => {
    const [a, b] = await Promise.all([open({ schema: otherSchema }), open({ schema: otherSchema })]);
    try {
      const rows = await a.em().execute<{ name: string }[]>(`select name from "${otherSchema}".mikro_orm_migrations order by id`);
      expect(rows.map((r) => r.name)).toEqual(['0001_widgets', '0002_widgets_tenant_index']);
      expect(await a.em().count(Widget)).toBe(0);
      expect(await db.em().count(Widget)).toBe(1);
      expect(await b.migrate()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses requiresVector with a clear message when pgvector is not available', async () => {
    const [row] = await db
      .em()
      .execute<{ available: boolean }[]>(`select exists(select 1 from pg_available_extensions where name = 'vector') as available`);
    if (row?.available) return; // this server has pgvector; nothing to check
    const url = new URL(DATABASE_URL);
    const where = `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    const vectorSchema = `t_db_vec_${run}`;
    await expect(open({ subgraph: 'knowledge', schema: vectorSchema, requiresVector: true })).rejects.toThrow(
      `The knowledge subgraph needs the pgvector extension, which the database at ${where} does not have. ` +
        'Install pgvector there, or point KNOWLEDGE_DATABASE_URL at an embedded database (pglite:<dir> or pglite:memory).',
    );
    expect(await schemaExists(vectorSchema)).toBe(false); // failed before creating anything
  });
});
