import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { margherita } from '../e2e/order-helpers.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect } from '../support/ws-client.js';

const SKEW_SECONDS = 5;
const MENU = '{ products(first: 1) { edges { node { id } } } }';
const ORDER_EVENTS = 'subscription { orderEvents { eventId type order { id status } } }';
const CREATE_ORDER =
  'mutation Create($input: CreateOrderInput!, $key: String!) { createOrder(input: $input, idempotencyKey: $key) { id } }';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('tokens and sockets', () => {
  let supergraph: TestSupergraph;
  let orderKeys = 0;
  const clients: Client[] = [];

  /** Signs a demo-tenant customer token with the test config's secret; `iat` and `exp` are set only when given. */
  const sign = ({ iat, exp, sub = 'alice' }: { iat?: number; exp?: number; sub?: string }) => {
    const jwt = new SignJWT({ tenant: 'demo', roles: ['customer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(supergraph.config.JWT_ISSUER)
      .setAudience(supergraph.config.JWT_AUDIENCE);
    if (iat !== undefined) jwt.setIssuedAt(iat);
    if (exp !== undefined) jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(supergraph.config.JWT_SECRET));
  };
  /** A client that keeps its socket after its last operation, recording every close, so a test can tell it stayed open. */
  const connect = (url: string, token: string) => {
    const closes: { code: number; reason: string }[] = [];
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
      lazyCloseTimeout: 60_000,
      on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
    });
    clients.push(client);
    return { client, closes };
  };
  const placeOrder = async (token: string) => {
    const result = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: margherita, quantity: 1 }] }, key: `tokens-${++orderKeys}` },
      { token },
    );
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createOrder.id as string;
  };
  const orderEventSubscribers = (n: number) =>
    waitFor(
      async () =>
        (await readMetric(supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics'), 'ragline_order_event_subscribers')) === n,
      `${n} order-event subscribers`,
    );

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ JWT_CLOCK_SKEW_SECONDS: String(SKEW_SECONDS) });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await supergraph?.close();
  });

  const refused: [string, () => Promise<string>][] = [
    ['without exp', () => sign({ iat: nowSeconds() })],
    ['without exp or iat', () => sign({})],
    ['living longer than JWT_MAX_LIFETIME_SECONDS', () => sign({ iat: nowSeconds(), exp: nowSeconds() + 25 * 3600 })],
    ['without iat, expiring further away than JWT_MAX_LIFETIME_SECONDS', () => sign({ exp: nowSeconds() + 25 * 3600 })],
    ['expired by more than the clock skew', () => sign({ iat: nowSeconds() - 600, exp: nowSeconds() - SKEW_SECONDS - 5 })],
  ];

  it.each(refused)('refuses a token %s over HTTP with 401 UNAUTHENTICATED', async (_name, makeToken) => {
    const result = await supergraph.request(MENU, {}, { token: await makeToken() });
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.body.data ?? null).toBeNull();
  });

  it.each(refused)(
    'closes a graphql-ws socket whose connection_init carries a token %s with 4403, at the gateway and at a subgraph',
    async (_name, makeToken) => {
      const token = await makeToken();
      for (const url of [supergraph.gateway.wsUrl, supergraph.subgraphs.orders.wsUrl]) {
        const { client, closes } = connect(url, token);
        const subscription = collect(client, ORDER_EVENTS);
        await subscription.done();
        expect(subscription.results).toEqual([]);
        expect(subscription.error).toMatchObject({ code: 4403, reason: 'Forbidden' });
        expect(closes).toMatchObject([{ code: 4403 }]);
      }
    },
  );

  it('closes a graphql-ws socket whose connection_init carries a malformed or foreign token with 4403', async () => {
    const foreign = await new SignJWT({ tenant: 'demo', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer(supergraph.config.JWT_ISSUER)
      .setAudience(supergraph.config.JWT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    for (const token of ['not.a.jwt', foreign]) {
      for (const url of [supergraph.gateway.wsUrl, supergraph.subgraphs.orders.wsUrl]) {
        const { client } = connect(url, token);
        const query = collect(client, MENU);
        await query.done();
        expect(query.results).toEqual([]);
        expect(query.error).toMatchObject({ code: 4403 });
      }
    }
  });

  it('accepts a token expired by less than the clock skew', async () => {
    // accepted for 3 to 4 more seconds: `exp` is in whole seconds
    const token = await sign({ iat: nowSeconds() - 600, exp: nowSeconds() - 2 });
    const result = await supergraph.request(MENU, {}, { token });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.products.edges).toHaveLength(1);
  });

  it.each([
    ['the gateway', () => supergraph.gateway.wsUrl],
    ['a subgraph directly', () => supergraph.subgraphs.orders.wsUrl],
  ])(
    'ends an orderEvents subscription at %s with UNAUTHENTICATED and complete when its token expires, and delivers nothing after',
    async (where, wsUrl) => {
      const longLived = await supergraph.token({ sub: 'alice' });
      const exp = nowSeconds() + 2;
      const expiresAt = (exp + SKEW_SECONDS) * 1000;
      const short = connect(wsUrl(), await sign({ iat: nowSeconds(), exp }));
      const control = connect(wsUrl(), longLived);
      const expiring = collect(short.client, ORDER_EVENTS);
      const watching = collect(control.client, ORDER_EVENTS);
      await orderEventSubscribers(2);

      const before = await placeOrder(longLived);
      expect((await expiring.nth(1)).data?.orderEvents.order.id).toBe(before);
      expect(Date.now()).toBeLessThan(expiresAt);

      await expiring.done(10_000);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
      expect(expiring.error).toBeUndefined();
      expect(expiring.results).toHaveLength(2);
      expect(expiring.results[1]).toMatchObject({
        errors: [{ message: expect.stringContaining('Unauthenticated'), extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(expiring.results[1]!.data ?? null).toBeNull();
      await orderEventSubscribers(1);
      if (where === 'the gateway') await waitFor(() => supergraph.gateway.openUpstreamSubscriptions() === 1, 'the expired upstream closed');

      // an event after expiry reaches the subscriber whose token is still good, and not the expired one
      const after = await placeOrder(longLived);
      expect((await watching.nth(2)).data?.orderEvents.order.id).toBe(after);
      expect(expiring.results).toHaveLength(2);

      // the socket stays open (the client reconnects with a fresh token when it likes); operations on it are refused
      const again = collect(short.client, ORDER_EVENTS);
      await again.done();
      expect(again.results).toEqual([]);
      expect(again.error).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(short.closes).toEqual([]);
      watching.unsubscribe();
      await orderEventSubscribers(0);
    },
  );
});
