import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';

const MENU = '{ products(first: 1) { edges { node { id } } } }';

describe('authentication through the gateway', () => {
  let supergraph: TestSupergraph;
  const secret = () => new TextEncoder().encode(supergraph.config.JWT_SECRET);
  const claims = { tenant: 'demo', roles: ['customer'] };
  const sign = (overrides: { alg?: string; audience?: string; issuer?: string; expiresAt?: number } = {}, key: any = secret()) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256' })
      .setSubject('alice')
      .setIssuer(overrides.issuer ?? supergraph.config.JWT_ISSUER)
      .setAudience(overrides.audience ?? supergraph.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? Math.floor(Date.now() / 1000) + 60)
      .sign(key);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('accepts a valid token', async () => {
    const result = await supergraph.request(MENU, {}, { token: await sign() });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.products.edges).toHaveLength(1);
  });

  const rejected: [string, () => Promise<string>][] = [
    ['expired', () => sign({ expiresAt: Math.floor(Date.now() / 1000) - 120 })],
    ['wrong audience', () => sign({ audience: 'someone-else' })],
    ['wrong issuer', () => sign({ issuer: 'evil' })],
    ['wrong secret', () => sign({}, new TextEncoder().encode('x'.repeat(40)))],
    ['wrong algorithm (HS512)', () => sign({ alg: 'HS512' })],
    ['wrong algorithm (RS256)', async () => sign({ alg: 'RS256' }, (await generateKeyPair('RS256')).privateKey)],
    ['malformed', async () => 'not.a.jwt'],
    [
      'unsigned (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'a', ...claims })).toString('base64url')}.`,
    ],
    [
      'missing tenant claim',
      () =>
        new SignJWT({ roles: ['customer'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('a')
          .setIssuer(supergraph.config.JWT_ISSUER)
          .setAudience(supergraph.config.JWT_AUDIENCE)
          .setExpirationTime('1m')
          .sign(secret()),
    ],
  ];
  it.each(rejected)('rejects a token that is %s with 401 UNAUTHENTICATED', async (_name, makeToken) => {
    const result = await supergraph.request(MENU, {}, { token: await makeToken() });
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.body.data ?? null).toBeNull();
  });

  it('rejects a non-bearer Authorization header', async () => {
    const result = await supergraph.request(MENU, {}, { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expect(result.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('needs a token for tenant data', async () => {
    const result = await supergraph.request(MENU);
    expect(result.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('subgraphs verify the token themselves: a direct call with a forged tenant header gets nothing', async () => {
    const response = await fetch(supergraph.subgraphs.orders.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tenant-id': 'demo',
        authorization: `Bearer ${await sign({}, new TextEncoder().encode('y'.repeat(40)))}`,
      },
      body: JSON.stringify({ query: MENU }),
    });
    const body = await response.json();
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('closes a websocket whose connection_init carries a bad token with 4403 Forbidden', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await sign({ audience: 'nope' })}` });
    try {
      const subscription = collect(client, 'subscription { orderEvents { eventId } }');
      await subscription.done();
      expect(subscription.results).toEqual([]);
      expect(subscription.error).toMatchObject({ code: 4403, reason: 'Forbidden' });
    } finally {
      await client.dispose();
    }
  });
});
