import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { openSubgraphDatabase } from './connection.js';
import { closeAllEmbeddedPglite, closeEmbeddedPglite, getEmbeddedPglite, hasEmbeddedPglite } from './embedded-pglite.js';
import { widgetMigrations } from '../test/fixtures/db/migrations.js';
import { Widget } from '../test/fixtures/db/widget.entity.js';

const logger = createLogger({ level: 'silent', service: 'db-test' });

describe('embedded PGlite in a directory', () => {
  let root: string | undefined;
  afterAll(async () => {
    await closeAllEmbeddedPglite();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('is one instance per directory, created on demand, and keeps data across restarts', async () => {
    root = await mkdtemp(join(tmpdir(), 'ragline-pglite-'));
    const dir = join(root, 'nested', 'pglite');

    const first = getEmbeddedPglite(dir);
    expect(getEmbeddedPglite(relative(process.cwd(), dir))).toBe(first); // same location, same promise
    const pg = await first;
    expect(existsSync(dir)).toBe(true);
    const { rows } = await pg.query<{ extversion: string }>(`select extversion from pg_extension where extname = 'vector'`);
    expect(rows).toHaveLength(1);

    const options = {
      subgraph: 'orders',
      url: `pglite:${dir}`,
      entities: [Widget],
      migrations: widgetMigrations,
      logger,
    };
    const db = await openSubgraphDatabase(options);
    expect(db.schema).toBe('orders');
    const em = db.em();
    const widget = em.create(Widget, { tenantId: 't1', name: 'Persistent', priceCents: 42 });
    await em.flush();
    await db.close();

    await closeEmbeddedPglite(dir);
    expect(hasEmbeddedPglite(dir)).toBe(false);
    expect(pg.closed).toBe(true);

    const reopened = await openSubgraphDatabase(options);
    try {
      expect(await getEmbeddedPglite(dir)).not.toBe(pg);
      expect(await reopened.migrate()).toEqual([]);
      const found = await reopened.em().findOneOrFail(Widget, { id: widget.id });
      expect(found).toMatchObject({ name: 'Persistent', priceCents: 42 });
    } finally {
      await reopened.close();
    }
  });
});
