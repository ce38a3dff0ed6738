import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../platform/config.js';

describe('configuration', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.databaseUrlFor('orders')).toBe('pglite:.data/pglite');
    expect(config.subgraphUrlFor('knowledge')).toBe('http://127.0.0.1:4002/graphql');
    expect([config.GRAPHQL_MAX_DEPTH, config.GRAPHQL_MAX_ALIASES, config.GRAPHQL_MAX_TOKENS, config.GRAPHQL_MAX_DIRECTIVES]).toEqual([
      10, 15, 2000, 50,
    ]);
    expect([config.GRAPHQL_MAX_COST, config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, config.WS_MAX_SOCKETS_PER_USER]).toEqual([5000, 20, 10]);
    expect([config.INPUT_MAX_DEPTH, config.INPUT_MAX_STRING_BYTES]).toEqual([32, 1_048_576]);
  });

  it('lets one subgraph override the shared database URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', KNOWLEDGE_DATABASE_URL: 'pglite:memory' });
    expect(config.databaseUrlFor('orders')).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(config.databaseUrlFor('knowledge')).toBe('pglite:memory');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: expected an integer port from 1 to 65535 \(got "eighty"\)/],
    [{ ORDERS_PORT: '70000' }, /ORDERS_PORT: expected an integer port/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected postgres:\/\/user@host:port\/db, pglite:memory or pglite:<directory>/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: expected redis:\/\/host:port/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET: expected at least 32 characters/],
    [{ JWT_ALGORITHM: 'RS256' }, /JWT_JWKS_URL: RS256 needs JWT_JWKS_URL or JWT_PUBLIC_KEY/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: expected fatal, error/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET: the development secret is refused in production/],
    [{ GRAPHQL_MAX_DEPTH: '1' }, /GRAPHQL_MAX_DEPTH: expected an integer from 2 to 100 \(got "1"\)/],
    [{ GRAPHQL_MAX_COST: 'lots' }, /GRAPHQL_MAX_COST: expected an integer from 10 to 1000000/],
    [{ WS_MAX_SOCKETS_PER_USER: '0' }, /WS_MAX_SOCKETS_PER_USER: expected an integer from 1 to 1000/],
    [{ INPUT_MAX_DEPTH: '0' }, /INPUT_MAX_DEPTH: expected an integer from 1 to 1000 \(got "0"\)/],
    [{ INPUT_MAX_STRING_BYTES: '1MB' }, /INPUT_MAX_STRING_BYTES: expected bytes, an integer from 1024/],
  ])('names the variable and the expected form for %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'REDIS_URL']);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).PORT).toBe(4000);
  });

  it('stops start-up with the message and exit code 78 instead of a stack trace', () => {
    vi.stubEnv('PORT', 'eighty');
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadConfigOrExit()).toThrow('exit 78');
    expect(exit).toHaveBeenCalledWith(78);
    expect(printed.mock.calls[0]![0]).toMatch(/Invalid configuration:\n {2}- PORT: expected an integer port/);
    vi.unstubAllEnvs();
  });

  it('keeps the dev secret out of production but allows it elsewhere', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) })).not.toThrow();
  });

  it('turns introspection, the explorers and open CORS off in production unless enabled, and reads the switches', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };
    expect(loadConfig(production).security).toEqual({
      production: true,
      introspection: false,
      explorer: false,
      metricsToken: undefined,
      corsOrigins: [],
    });
    expect(loadConfig({}).security).toMatchObject({ production: false, introspection: true, explorer: true, corsOrigins: undefined });
    const enabled = loadConfig({
      ...production,
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_EXPLORER: 'true',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
    });
    expect(enabled.security).toMatchObject({
      introspection: true,
      explorer: true,
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
    });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).security.introspection).toBe(false);
    expect(() => loadConfig({ GRAPHQL_EXPLORER: 'yes' })).toThrow(/GRAPHQL_EXPLORER: expected true or false/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: expected comma-separated origins/);
  });

  it('reads PII_PHONE_REGIONS as region codes, defaulting to the common ones, and refuses unknown regions', () => {
    expect(loadConfig({}).PII_PHONE_REGIONS).toEqual(['GB', 'US', 'DE', 'FR', 'ES', 'IT', 'NL']);
    expect(loadConfig({ PII_PHONE_REGIONS: 'us, gb,US' }).PII_PHONE_REGIONS).toEqual(['US', 'GB']);
    expect(() => loadConfig({ PII_PHONE_REGIONS: 'GB,XX' })).toThrow(/PII_PHONE_REGIONS: expected a comma-separated list/);
    expect(() => loadConfig({ PII_PHONE_REGIONS: ',' })).toThrow(/PII_PHONE_REGIONS/);
  });
});
