import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { signDevToken } from '../../platform/auth/jwt.js';
import type { Role } from '../../platform/auth/principal.js';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { startSupergraph, type RunningSupergraph } from '../../commands/start-supergraph.js';
import { deleteRedisKeys, postGraphQL } from './gateway-requests.js';

export interface TestSupergraph extends RunningSupergraph {
  config: Config;
  token(options?: { tenant?: string; sub?: string; roles?: Role[] }): Promise<string>;
  /** POSTs to the gateway; returns the parsed body, the status and the response headers. */
  request<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: { data?: T; errors?: any[] }; headers: Headers }>;
}

/**
 * The whole supergraph in this process on free ports. Embedded by default (PGlite in memory, in-process bus); with
 * DATABASE_URL / REDIS_URL in the environment it runs on those, each run in its own database schemas.
 */
export async function startTestSupergraph(env: Record<string, string> = {}, replicaOf?: TestSupergraph): Promise<TestSupergraph> {
  // A replica set shares the first one's databases (schemas) and event streams, as replicas of a deployment do.
  const schemaPrefix = replicaOf?.config.EVENT_STREAM_PREFIX ?? `t${randomBytes(4).toString('hex')}_`;
  const config = loadConfig({
    // Test files run in parallel against one Redis: each supergraph gets its own streams.
    EVENT_STREAM_PREFIX: `${schemaPrefix}`,
    DATABASE_URL: process.env.DATABASE_URL ?? 'pglite:memory',
    KNOWLEDGE_DATABASE_URL: process.env.KNOWLEDGE_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const supergraph = await startSupergraph({
    config,
    logger: createLogger({ level: config.LOG_LEVEL, service: 'test' }),
    supergraphSdl: await readFile('schema/supergraph.graphql', 'utf8'),
    ephemeralPorts: true,
    databaseSchemaPrefix: schemaPrefix,
    seedDemoTenant: !replicaOf,
    // In one process without Redis the replica sets meet on one in-process bus; with Redis each has its own connections.
    ...(replicaOf ? { bus: config.REDIS_URL ? undefined : replicaOf.bus, closeEmbeddedDatabases: false } : {}),
  });

  return {
    ...supergraph,
    config,
    token: ({ tenant = 'demo', sub = 'alice', roles = ['customer'] as Role[] } = {}) => signDevToken(config, { sub, tenant, roles }),
    request: (query, variables, options = {}) => postGraphQL(supergraph.gateway.url, query, variables, options),
    async close() {
      await supergraph.close();
      if (replicaOf) return;
      await dropSchemas(config, schemaPrefix);
      await deleteRunKeys(config, schemaPrefix);
    },
  };
}

/** ... nor on a shared Redis (streams, dead letters and cache entries of this run). */
async function deleteRunKeys(config: Config, prefix: string): Promise<void> {
  if (config.REDIS_URL) await deleteRedisKeys(config.REDIS_URL, [`${prefix}*`, `ragline:cache:${prefix}*`]);
}

/** Test runs on a shared PostgreSQL leave nothing behind. */
async function dropSchemas(config: Config, prefix: string): Promise<void> {
  const urls = new Set(SUBGRAPH_NAMES.map((name) => config.databaseUrlFor(name)).filter((url) => url.startsWith('postgres')));
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const name of SUBGRAPH_NAMES) await client.query(`drop schema if exists "${prefix}${name}" cascade`);
    } finally {
      await client.end();
    }
  }
}
