import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { openSubgraphDatabase } from '../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { createLogger } from '../../platform/logger.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const withTables = Object.values(SUBGRAPHS).filter((definition) => definition.database);
const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

async function migrateTwice(url: string, definition: (typeof withTables)[number], schema: string) {
  const spec = definition.database!;
  const database = await openSubgraphDatabase({
    subgraph: definition.name,
    url,
    schema,
    entities: spec.entities as never,
    migrations: spec.migrations,
    migrateOnOpen: false,
    logger,
  });
  try {
    const applied = await database.migrate();
    expect(applied).toEqual(spec.migrations.map((migration) => migration.name));
    expect(await database.migrate()).toEqual([]);
    const tables = await database.em().execute(`select table_name from information_schema.tables where table_schema = ?`, [schema]);
    expect(tables.length).toBeGreaterThan(1);
  } finally {
    await database.close();
  }
}

describe('each subgraph migrates its own schema on PGlite', () => {
  afterAll(() => closeAllEmbeddedPglite());
  it.each(withTables.map((definition) => [definition.name, definition] as const))('%s', async (_name, definition) => {
    await migrateTwice('pglite:memory', definition, `m${randomBytes(3).toString('hex')}_${definition.name}`);
  });
});

describe.skipIf(!postgresUrl)('each subgraph migrates its own schema on PostgreSQL', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  it.each(
    withTables.filter((definition) => !definition.database!.requiresVector).map((definition) => [definition.name, definition] as const),
  )('%s', async (_name, definition) => {
    const schema = `m${randomBytes(3).toString('hex')}_${definition.name}`;
    schemas.push(schema);
    await migrateTwice(postgresUrl!, definition, schema);
  });
  it('refuses to start a subgraph that needs pgvector on a PostgreSQL without it, naming the fix', async () => {
    const knowledge = SUBGRAPHS.knowledge;
    const schema = `m${randomBytes(3).toString('hex')}_knowledge`;
    schemas.push(schema);
    await expect(
      openSubgraphDatabase({
        subgraph: 'knowledge',
        url: postgresUrl!,
        schema,
        entities: knowledge.database!.entities as never,
        migrations: knowledge.database!.migrations,
        requiresVector: true,
        logger,
      }),
    ).rejects.toThrow(/needs the pgvector extension.*KNOWLEDGE_DATABASE_URL/s);
  });
});
