import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, SUBGRAPH_NAMES } from '../../platform/config.js';
import { composeProblems, parseCompose, type ComposeExpectations } from './compose-rules.js';

const defaults = loadConfig({});
const expected: ComposeExpectations = {
  knownVariables: [...CONFIG_VARIABLES, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  servicePorts: { gateway: defaults.PORT, ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, defaults.portFor(name)])) },
  jobs: ['migrate'],
};
const compose = parseCompose(await readFile('compose.yaml', 'utf8'));

describe('compose.yaml (checked statically: Docker does not run here)', () => {
  it('keeps every rule: known settings only, secrets from the environment, health-checked dependencies, unique ports', () => {
    expect(composeProblems(compose, expected)).toEqual([]);
  });

  it('runs the whole stack: PostgreSQL with pgvector, Redis, the migrations, the gateway, four subgraphs, Prometheus, Grafana, a collector', () => {
    expect(compose.services.postgres.image).toBe('pgvector/pgvector:pg17');
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services['otel-collector'].image).toMatch(/^otel\/opentelemetry-collector-contrib:/);
    for (const name of ['gateway', ...SUBGRAPH_NAMES]) expect(compose.services[name].command).toEqual([name]);
    for (const name of SUBGRAPH_NAMES) {
      expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(compose.services.gateway.depends_on[name].condition).toBe('service_healthy');
      expect(compose.services.gateway.environment[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${defaults.portFor(name)}/graphql`);
    }
    // The settings, read the way the services read them, are a valid production configuration.
    const environment = { ...compose.services.gateway.environment, JWT_SECRET: 'x'.repeat(40), METRICS_TOKEN: 'y'.repeat(20) };
    const config = loadConfig(
      Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v).replace(/\$\{[^}]*\}/g, 'secret')])),
    );
    expect(config.NODE_ENV).toBe('production');
    expect(config.REDIS_URL).toBe('redis://redis:6379');
  });

  it('has Prometheus scrape every service on its port with the metrics token', async () => {
    const prometheus = parseCompose(await readFile('deploy/compose/prometheus.yml', 'utf8'));
    const job = prometheus.scrape_configs[0];
    expect(job.authorization.credentials_file).toBe('/run/secrets/metrics_token');
    const targets = job.static_configs.map((c: any) => c.targets[0]);
    expect(targets).toEqual(['gateway', ...SUBGRAPH_NAMES].map((name) => `${name}:${expected.servicePorts[name]}`));
  });

  it('catches a compose file that breaks the rules', () => {
    const bad = parseCompose(`
services:
  cache:
    image: redis
  web:
    build: .
    command: ["gateway"]
    environment:
      JWT_SECRET: written-in-the-file-0123456789abcdef
      ORDERS_ULR: http://orders:4001/graphql
    ports: ["4000:4001"]
    depends_on:
      cache:
        condition: service_healthy
      db:
        condition: service_started
  other:
    build: .
    command: ["shell"]
    ports: ["4000:4000"]
    volumes: ["./deploy/compose/missing.yml:/etc/missing.yml"]
    depends_on: [cache]
`);
    expect(composeProblems(bad, expected)).toEqual([
      'cache: image redis has no pinned tag',
      'web: JWT_SECRET is written in the file; take it from the environment (${JWT_SECRET:?...})',
      'web: ORDERS_ULR is not a RAGline setting',
      'web: publishes container port 4001, but gateway listens on 4000',
      'web: waits for cache to be healthy, but it has no healthcheck',
      'web: depends on db, which is not a service',
      'other: unknown command shell',
      'other: host port 4000 is already published by web',
      'other: depends on cache without waiting for its health check',
      'other: mounts ./deploy/compose/missing.yml, which does not exist',
    ]);
  });
});
