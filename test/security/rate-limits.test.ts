import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';

const SEND = 'mutation Send($id: ID!) { sendMessage(conversationId: $id, text: "hello") { id } }';

/** Small budgets so a test reaches them; the tenant's are 10x (RATE_LIMIT_TENANT_FACTOR's default). */
const ENV = {
  RATE_LIMIT_OPERATIONS_PER_MINUTE: '5',
  RATE_LIMIT_CHAT_PER_MINUTE: '2',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3',
  RATE_LIMIT_STAFF_FACTOR: '2',
};

describe('rate limits at the gateway', () => {
  let supergraph: TestSupergraph;
  const sockets: Array<{ dispose(): unknown }> = [];

  beforeAll(async () => {
    supergraph = await startTestSupergraph(ENV);
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await supergraph?.close();
  });

  it("refuses a user's operation past the per-user budget with 429, RATE_LIMITED and Retry-After; the headers count down before", async () => {
    const token = await supergraph.token({ sub: 'rl-alice' });
    for (let n = 1; n <= 5; n++) {
      const { status, body, headers } = await supergraph.request('{ __typename }', undefined, { token });
      expect(status).toBe(200);
      expect(body.data).toEqual({ __typename: 'Query' });
      expect(headers.get('ratelimit-limit')).toBe('5');
      expect(headers.get('ratelimit-remaining')).toBe(String(5 - n));
      expect(headers.get('x-ratelimit-limit')).toBe('5');
      expect(headers.get('x-ratelimit-remaining')).toBe(String(5 - n));
      expect(Number(headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
    }
    const refused = await supergraph.request('{ __typename }', undefined, { token });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'RATE_LIMITED',
          budget: 'operations',
          scope: 'user',
          limit: 5,
          retryAfterSeconds: retryAfter,
          requestId: expect.any(String),
        }),
      }),
    ]);
    expect(refused.body.errors![0].extensions.http).toBeUndefined();

    // Another user of the same tenant has a budget of their own (the tenant's, 50, is far from spent).
    const bob = await supergraph.token({ sub: 'rl-bob' });
    const other = await supergraph.request('{ __typename }', undefined, { token: bob });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('4');
  });

  it('gives staff a larger per-user budget (RATE_LIMIT_STAFF_FACTOR)', async () => {
    const token = await supergraph.token({ sub: 'rl-staff', roles: ['staff'] });
    const first = await supergraph.request('{ __typename }', undefined, { token });
    expect(first.headers.get('ratelimit-limit')).toBe('10');
    expect(first.headers.get('ratelimit-remaining')).toBe('9');
  });

  it('counts sendMessage in a smaller budget of its own, refused before the assistant runs', async () => {
    const token = await supergraph.token({ sub: 'rl-carol' });
    const id = randomUUID();
    for (let n = 1; n <= 2; n++) {
      const { status, headers, body } = await supergraph.request(SEND, { id }, { token });
      expect(body.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
      expect(status).not.toBe(429);
      expect(headers.get('ratelimit-limit')).toBe('2');
      expect(headers.get('ratelimit-remaining')).toBe(String(2 - n));
    }
    const refused = await supergraph.request(SEND, { id }, { token });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'chat', scope: 'user', limit: 2 });
    // The ordinary budget is not spent: 3 of 5 operations used.
    const ordinary = await supergraph.request('{ __typename }', undefined, { token });
    expect(ordinary.status).toBe(200);
    expect(ordinary.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('limits anonymous callers by IP', async () => {
    for (let n = 1; n <= 3; n++) expect((await supergraph.request('{ __typename }')).status).toBe(200);
    const refused = await supergraph.request('{ __typename }');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'ip', limit: 3 });
  });

  it('refuses over graphql-ws with the same RATE_LIMITED error, for queries, mutations and subscriptions', async () => {
    const socket = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token({ sub: 'rl-dave' })}` });
    sockets.push(socket);
    for (let n = 1; n <= 5; n++) {
      const query = collect(socket, '{ __typename }');
      expect((await query.nth(1)).data).toEqual({ __typename: 'Query' });
    }
    const query = collect(socket, '{ __typename }');
    const refused = await query.nth(1);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'operations', scope: 'user' });
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

    const subscription = collect(socket, 'subscription { orderEvents { eventId } }');
    await subscription.done();
    expect(subscription.error).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'RATE_LIMITED', budget: 'operations', retryAfterSeconds: expect.any(Number) }),
      }),
    ]);
    expect((subscription.error as any)[0].extensions.http).toBeUndefined();

    const sendSocket = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token({ sub: 'rl-erin' })}` });
    sockets.push(sendSocket);
    const id = randomUUID();
    for (let n = 1; n <= 2; n++) await collect(sendSocket, SEND, { id }).done();
    const send = collect(sendSocket, SEND, { id });
    expect((await send.nth(1)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'chat' });
  });
});

describe('the tenant budget', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startTestSupergraph({ RATE_LIMIT_OPERATIONS_PER_MINUTE: '3', RATE_LIMIT_TENANT_FACTOR: '2' });
  });
  afterAll(async () => supergraph?.close());

  it("refuses a tenant's users once the tenant's budget is spent, while another tenant is served", async () => {
    for (const sub of ['t-1', 't-2']) {
      const token = await supergraph.token({ sub });
      for (let n = 0; n < 3; n++) expect((await supergraph.request('{ __typename }', undefined, { token })).status).toBe(200);
    }
    const third = await supergraph.request('{ __typename }', undefined, { token: await supergraph.token({ sub: 't-3' }) });
    expect(third.status).toBe(429);
    expect(third.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'tenant', limit: 6 });
    const elsewhere = await supergraph.request('{ __typename }', undefined, {
      token: await supergraph.token({ tenant: 'acme', sub: 't-3' }),
    });
    expect(elsewhere.status).toBe(200);
  });

  it('RATE_LIMITS=off turns them off', async () => {
    const off = await startTestSupergraph({ RATE_LIMITS: 'off', RATE_LIMIT_OPERATIONS_PER_MINUTE: '1' });
    try {
      const token = await off.token({ sub: 'free' });
      for (let n = 0; n < 3; n++) {
        const { status, headers } = await off.request('{ __typename }', undefined, { token });
        expect(status).toBe(200);
        expect(headers.get('ratelimit-limit')).toBeNull();
      }
    } finally {
      await off.close();
    }
  });
});
