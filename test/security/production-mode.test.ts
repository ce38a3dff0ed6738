import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupBanner } from '../../commands/startup-banner.js';
import { SUBGRAPH_NAMES } from '../../platform/config.js';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  BAD_CURSOR,
  DEEPLY_NESTED,
  FEDERATION_SDL,
  INTROSPECTION,
  MENU,
  METRICS_TOKEN,
  TYPE_INTROSPECTION,
  TYPO,
  post,
  route,
  services,
  startDevelopment,
  startProduction,
  uploadThroughGateway,
} from './production-mode-helpers.js';

const EVIL_ORIGIN = 'https://evil.example';
const APP_ORIGIN = 'https://app.example.com';

describe('production mode (NODE_ENV=production)', () => {
  let supergraph: TestSupergraph;
  let customer: string;
  let staff: string;
  beforeAll(async () => {
    supergraph = await startProduction();
    customer = await supergraph.token();
    staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
  });
  afterAll(() => supergraph?.close());

  it('refuses introspection at the gateway, even with a token', async () => {
    for (const query of [INTROSPECTION, TYPE_INTROSPECTION]) {
      const result = await supergraph.request(query, {}, { token: staff });
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
      expect(result.body.errors![0].message).toMatch(/introspection (is not allowed|has been disabled)/);
    }
  });

  it('hides field suggestions at the gateway, keeping the error and its code', async () => {
    const result = await supergraph.request(TYPO, {}, { token: customer });
    expect(result.body.errors).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    expect(result.body.errors![0].message).toContain('Cannot query field "prodcts"');
    expect(result.body.errors![0].message).not.toMatch(/Did you mean|"products"/);
  });

  it('refuses introspection and hides suggestions over graphql-ws too', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${staff}` });
    try {
      for (const [query, expected] of [
        [INTROSPECTION, /introspection (is not allowed|has been disabled)/],
        [TYPO, /Cannot query field \\"prodcts\\"/],
      ] as const) {
        const run = collect(client, query);
        await run.done();
        const text = JSON.stringify(run.error ?? run.results);
        expect(text).toMatch(expected);
        expect(text).not.toMatch(/Did you mean|queryType":\{/);
      }
    } finally {
      await client.dispose();
    }
  });

  it('serves neither Apollo Sandbox at /graphql nor the offline explorer at /graphiql', async () => {
    const landing = await fetch(supergraph.gateway.url, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(await landing.text()).not.toMatch(/sandbox|<html/i);
    const graphiql = await fetch(route(supergraph.gateway.url, '/graphiql'));
    expect(graphiql.status).toBe(404);
    expect(await graphiql.text()).not.toContain('graphiql');
  });

  it('answers /metrics on every service only to the bearer of METRICS_TOKEN; health routes stay open', async () => {
    for (const [name, url] of services(supergraph)) {
      const metrics = route(url, '/metrics');
      const anonymous = await fetch(metrics);
      expect(anonymous.status, name).toBe(401);
      expect(await anonymous.text(), name).not.toContain('process_cpu');
      expect((await fetch(metrics, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, name).toBe(401);
      const authorized = await fetch(metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(authorized.status, name).toBe(200);
      expect(await authorized.text(), name).toContain('process_cpu');
      expect((await fetch(route(url, '/healthz'))).status, name).toBe(200);
    }
  });

  it.each(SUBGRAPH_NAMES)(
    'refuses anonymous and customer introspection at the %s subgraph, but not a staff token; no suggestions',
    async (name) => {
      const url = supergraph.subgraphs[name].url;
      for (const query of [INTROSPECTION, TYPE_INTROSPECTION, FEDERATION_SDL]) {
        const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${customer}` }];
        for (const headers of callers) {
          const refused = await post(url, query, headers);
          expect(refused.body.data ?? undefined, query).toBeUndefined();
          expect(refused.body.errors![0].message, query).toMatch(/introspection (is not allowed|has been disabled)/);
        }
        const allowed = await post(url, query, { authorization: `Bearer ${staff}` });
        expect(allowed.body.errors, query).toBeUndefined();
      }
      const typo = await post(url, '{ _servce { sdl } }', { authorization: `Bearer ${staff}` });
      expect(typo.body.errors![0].message).toContain('Cannot query field "_servce"');
      expect(typo.body.errors![0].message).not.toContain('Did you mean');
    },
  );

  it.each(SUBGRAPH_NAMES)('sends no CORS permission to any origin at the %s subgraph', async (name) => {
    const url = supergraph.subgraphs[name].url;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await post(url, '{ __typename }', { origin: EVIL_ORIGIN });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(SUBGRAPH_NAMES)('refuses a simple cross-site request without a preflight header at the %s subgraph', async (name) => {
    const url = supergraph.subgraphs[name].url;
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    const form = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(form.status).toBe(403);
    const preflighted = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('still federates: queries reach the subgraphs as JSON, and a multipart upload through the gateway reaches knowledge', async () => {
    const menu = await supergraph.request(MENU, {}, { token: customer });
    expect(menu.body.errors).toBeUndefined();
    expect(menu.body.data.products.edges).toHaveLength(1);
    const upload = (await (await uploadThroughGateway(supergraph, staff)).json()) as any;
    expect(upload.errors).toBeUndefined();
    expect(upload.data.ingestDocument.id).toEqual(expect.any(String));
  });

  it('prints no dev token at start-up', async () => {
    const banner = await startupBanner(supergraph.config, supergraph);
    expect(banner).toContain(supergraph.gateway.url);
    expect(banner).not.toMatch(/Bearer|ey[\w-]+\.ey|Sandbox|graphiql|demo tenant/);
  });

  it('mints no development token for the console', async () => {
    const url = supergraph.gateway.url.replace(/\/graphql$/, '/console/dev-token');
    const minted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tenant":"demo","role":"admin"}',
    });
    expect(minted.status).toBe(404);
    expect(await minted.text()).not.toMatch(/ey[\w-]+\.ey/);
  });

  // Last: it stops the orders subgraph.
  it('masks errors at the gateway: no subgraph name, URL, raw message or stack; the code, details and request ID stay', async () => {
    const expected = await supergraph.request(BAD_CURSOR, {}, { token: customer });
    expect(expected.body.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', requestId: expect.any(String) },
    });
    expect(expected.body.errors![0].message).toMatch(/Invalid cursor/);
    expect(expected.body.errors![0].extensions).not.toHaveProperty('serviceName');
    const deep = await supergraph.request(DEEPLY_NESTED, {}, { headers: { 'x-request-id': 'req-masked-0' } });
    expect(JSON.stringify(deep.body)).not.toMatch(/Maximum call stack/);
    expect(deep.body.errors![0].extensions.requestId).toBe('req-masked-0');

    const ordersUrl = new URL(supergraph.subgraphs.orders.url);
    await supergraph.subgraphs.orders.close();
    const result = await supergraph.request(MENU, {}, { token: customer, headers: { 'x-request-id': 'req-masked-1' } });
    expect(result.body.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masked-1' } },
    ]);
    const text = JSON.stringify(result.body);
    for (const leak of [ordersUrl.host, String(ordersUrl.port), 'ECONNREFUSED', 'serviceName', 'orders', 'stacktrace']) {
      expect(text).not.toContain(leak);
    }
  });
});

describe('development mode (the contrast: each probe above sees the feature on)', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startDevelopment();
  });
  afterAll(() => supergraph?.close());

  it('allows introspection and suggests fields at the gateway, and serves both explorers', async () => {
    expect((await supergraph.request(INTROSPECTION)).body.data.__schema.queryType.name).toBe('Query');
    expect((await supergraph.request(TYPO)).body.errors![0].message).toMatch(/Did you mean "products"/);
    const landing = await fetch(supergraph.gateway.url, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toMatch(/sandbox/i);
    expect((await fetch(route(supergraph.gateway.url, '/graphiql'))).status).toBe(200);
  });

  it('serves /metrics without a token, allows anonymous subgraph introspection and reflects any origin', async () => {
    for (const [name, url] of services(supergraph)) expect((await fetch(route(url, '/metrics'))).status, name).toBe(200);
    const url = supergraph.subgraphs.orders.url;
    expect((await post(url, FEDERATION_SDL)).body.data._service.sdl).toContain('type Product');
    expect((await post(url, '{ _servce { sdl } }')).body.errors![0].message).toMatch(/Did you mean "_service"/);
    expect((await post(url, '{ __typename }', { origin: EVIL_ORIGIN })).headers.get('access-control-allow-origin')).toBe(EVIL_ORIGIN);
  });

  it('prints a dev token and the explorers at start-up', async () => {
    expect(await startupBanner(supergraph.config, supergraph)).toMatch(/Authorization: Bearer ey[\w-]+\.ey[\w-]+\.[\w-]+/);
  });

  it('shows the internal details of failed calls', async () => {
    const token = await supergraph.token();
    expect((await supergraph.request(BAD_CURSOR, {}, { token })).body.errors![0].extensions).toMatchObject({ serviceName: 'orders' });
    expect((await supergraph.request(DEEPLY_NESTED)).body.errors![0].message).toBe('Maximum call stack size exceeded');
    await supergraph.subgraphs.orders.close();
    expect((await supergraph.request(MENU, {}, { token })).body.errors![0].message).toMatch(/ECONNREFUSED/);
  });
});

describe('production mode with its switches set', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startProduction({
      METRICS_TOKEN: '',
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_EXPLORER: 'true',
      CORS_ORIGINS: APP_ORIGIN,
    });
  });
  afterAll(() => supergraph?.close());

  it('answers /metrics with 404 on every service when no METRICS_TOKEN is set', async () => {
    for (const [name, url] of services(supergraph)) {
      expect((await fetch(route(url, '/metrics'))).status, name).toBe(404);
      expect((await fetch(route(url, '/readyz'))).status, name).toBe(200);
    }
  });

  it('turns introspection and the explorers back on when explicitly enabled', async () => {
    expect((await supergraph.request(INTROSPECTION)).body.data.__schema.queryType.name).toBe('Query');
    expect((await post(supergraph.subgraphs.knowledge.url, INTROSPECTION)).body.data.__schema.queryType.name).toBe('Query');
    expect((await fetch(route(supergraph.gateway.url, '/graphiql'))).status).toBe(200);
  });

  it('answers CORS_ORIGINS, and only them, without credentials', async () => {
    const url = supergraph.subgraphs.assistant.url;
    const allowed = await post(url, '{ __typename }', { origin: APP_ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await post(url, '{ __typename }', { origin: EVIL_ORIGIN })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
