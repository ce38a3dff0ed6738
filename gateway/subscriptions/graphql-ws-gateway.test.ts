import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REJECTED_TOKEN, startMiniSupergraph, tokenExpiringAt, type MiniSupergraph } from '../../test/fixtures/mini-supergraph.js';
import { connectClient, observe, request } from '../../test/fixtures/ws-test-client.js';

const WAIT = { timeout: 1_000, interval: 5 };
const ORDER_CHANGED = /* GraphQL */ `
  subscription OrderChanged($id: ID) {
    orderChanged(id: $id) {
      id
      note
      priority
    }
  }
`;

describe('graphql-ws gateway', () => {
  let fixture: MiniSupergraph;
  const clients: Client[] = [];
  const connect = (params: Record<string, unknown> = {}, options: { lazyCloseTimeout?: number } = {}) => {
    const client = connectClient(fixture.wsUrl, params, options);
    clients.push(client);
    return client;
  };
  const upstreamOpen = async (count: number) => {
    await vi.waitFor(() => {
      expect(fixture.feed.active).toBe(count);
      expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(count);
    }, WAIT);
  };

  beforeAll(async () => {
    fixture = await startMiniSupergraph();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await upstreamOpen(0);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('completes every event with fields of both subgraphs, including @requires ones, and nothing else', async () => {
    const subscription = observe(connect(), { query: ORDER_CHANGED, variables: { id: '1' } });
    await upstreamOpen(1);
    fixture.feed.publish({ id: '1', status: 'SHIPPED' });
    fixture.feed.publish({ id: '1', status: 'DELIVERED' });
    await vi.waitFor(() => expect(subscription.events).toHaveLength(2), WAIT);
    expect(subscription.events).toEqual([
      { data: { orderChanged: { id: '1', note: 'note for shipped order', priority: 1 } } },
      { data: { orderChanged: { id: '1', note: 'note for delivered order', priority: 1 } } },
    ]);
    expect(fixture.notesRecord.entityFetches.at(-1)?.representation).toEqual({ __typename: 'Order', id: '1', status: 'DELIVERED' });
  });

  it('forwards variables to the owning subgraph and the caller to it and to follow-up fetches', async () => {
    const client = connect({ authorization: 'Bearer token-1', 'x-request-id': 'req-forward' });
    const subscription = observe(client, { query: ORDER_CHANGED, variables: { id: '7' } });
    await upstreamOpen(1);
    expect(fixture.ordersRecord.subscriptions.at(-1)).toEqual({
      id: '7',
      caller: { transport: 'ws', authorization: 'Bearer token-1', requestId: 'req-forward' },
    });
    fixture.feed.publish({ id: '8', status: 'SHIPPED' }); // filtered out upstream by the forwarded variable
    fixture.feed.publish({ id: '7', status: 'PACKED' });
    await vi.waitFor(() => expect(subscription.events).toHaveLength(1), WAIT);
    expect(subscription.events[0]).toEqual({ data: { orderChanged: { id: '7', note: 'note for packed order', priority: 1 } } });
    expect(fixture.notesRecord.entityFetches.at(-1)?.caller).toEqual({
      transport: 'http',
      authorization: 'Bearer token-1',
      requestId: 'req-forward',
    });
  });

  it('closes the upstream subscription as soon as the client unsubscribes, without waiting for an event', async () => {
    const subscription = observe(connect({ 'x-request-id': 'req-unsubscribe' }), { query: ORDER_CHANGED, variables: { id: '1' } });
    await upstreamOpen(1);
    const returnedBefore = fixture.feed.returned;
    subscription.unsubscribe();
    await vi.waitFor(() => expect(fixture.feed.returned).toBe(returnedBefore + 1), { timeout: 500, interval: 5 });
    expect(fixture.feed.active).toBe(0);
    expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(0);
    const logged = fixture.logs.filter((line) => line.requestId === 'req-unsubscribe').map((line) => line.msg);
    expect(logged).toEqual(expect.arrayContaining(['upstream subscription opened', 'upstream subscription closed']));
  });

  it('shares one upstream socket per subgraph for a connection and closes it when the client disconnects', async () => {
    const client = connect();
    observe(client, { query: ORDER_CHANGED, variables: { id: '1' } });
    observe(client, { query: ORDER_CHANGED, variables: { id: '2' } });
    await upstreamOpen(2);
    expect(fixture.subgraphs.orders.openSockets()).toBe(1);
    const returnedBefore = fixture.feed.returned;
    await client.dispose();
    await vi.waitFor(() => {
      expect(fixture.feed.returned).toBe(returnedBefore + 2);
      expect(fixture.subgraphs.orders.openSockets()).toBe(0);
    }, WAIT);
    expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(0);
  });

  it("keeps the upstream socket open after a subscription ends, for the connection's next one", async () => {
    // The client keeps its own socket between subscriptions, as an app's link does.
    const client = connect({}, { lazyCloseTimeout: 60_000 });
    const first = observe(client, { query: ORDER_CHANGED, variables: { id: '1' } });
    await upstreamOpen(1);
    first.unsubscribe();
    await upstreamOpen(0);
    // Without the idle timeout graphql-ws closes the socket on the next tick after the last subscription.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixture.subgraphs.orders.openSockets()).toBe(1);
    const second = observe(client, { query: ORDER_CHANGED, variables: { id: '2' } });
    await upstreamOpen(1);
    expect(fixture.subgraphs.orders.openSockets()).toBe(1);
    fixture.feed.publish({ id: '2', status: 'PACKED' });
    await vi.waitFor(
      () => expect(second.events).toEqual([{ data: { orderChanged: { id: '2', note: 'note for packed order', priority: 1 } } }]),
      WAIT,
    );
    await client.dispose();
    await vi.waitFor(() => expect(fixture.subgraphs.orders.openSockets()).toBe(0), WAIT);
  });

  it('completes the client subscription when the upstream completes', async () => {
    const subscription = observe(connect(), { query: ORDER_CHANGED });
    await upstreamOpen(1);
    fixture.feed.publish({ id: '3', status: 'LAST' });
    fixture.feed.completeAll();
    await vi.waitFor(() => expect(subscription.outcome).toEqual({ kind: 'complete' }), WAIT);
    expect(subscription.events).toEqual([{ data: { orderChanged: { id: '3', note: 'note for last order', priority: 1 } } }]);
  });

  it('passes GraphQL errors of an upstream event through and keeps streaming', async () => {
    const subscription = observe(connect(), { query: ORDER_CHANGED, variables: { id: '1' } });
    await upstreamOpen(1);
    fixture.feed.publish({ id: '1', status: 'BROKEN' });
    fixture.feed.publish({ id: '1', status: 'FIXED' });
    await vi.waitFor(() => expect(subscription.events).toHaveLength(2), WAIT);
    expect(subscription.events[0]).toMatchObject({
      data: { orderChanged: null },
      errors: [{ message: 'order is broken', path: ['orderChanged'], extensions: { code: 'ORDER_BROKEN', serviceName: 'orders' } }],
    });
    expect(subscription.events[1]).toEqual({ data: { orderChanged: { id: '1', note: 'note for fixed order', priority: 1 } } });
    expect(subscription.outcome).toBeUndefined();
  });

  it('ends with the subgraph errors when the owning subgraph refuses the subscription', async () => {
    const subscription = observe(connect({ authorization: 'Bearer rejected-by-subgraph' }), { query: ORDER_CHANGED });
    await vi.waitFor(() => expect(subscription.outcome).toEqual({ kind: 'complete' }), WAIT);
    expect(subscription.events).toEqual([
      { errors: [{ message: 'subgraph refused the token', extensions: { code: 'UNAUTHENTICATED', serviceName: 'orders' } }] },
    ]);
  });

  it('runs queries and mutations over the same websocket as subscriptions', async () => {
    const client = connect({ authorization: 'Bearer token-2' });
    const subscription = observe(client, { query: ORDER_CHANGED, variables: { id: '5' } });
    await upstreamOpen(1);
    const mutation = await request(client, {
      query: 'mutation Set($id: ID!) { setOrderStatus(id: $id, status: "READY") { id status note } }',
      variables: { id: '5' },
    });
    expect(mutation).toEqual({ data: { setOrderStatus: { id: '5', status: 'READY', note: 'note for ready order' } } });
    const query = await request(client, { query: '{ order(id: "5") { status priority } }' });
    expect(query).toEqual({ data: { order: { status: 'READY', priority: 1 } } });
    await vi.waitFor(
      () => expect(subscription.events).toEqual([{ data: { orderChanged: { id: '5', note: 'note for ready order', priority: 1 } } }]),
      WAIT,
    );
  });

  it('answers an operation that does not validate against the API schema with graphql-ws errors', async () => {
    const openedBefore = fixture.feed.opened;
    const subscription = observe(connect(), { query: 'subscription { orderChanged { id nope } }' });
    await vi.waitFor(() => expect(subscription.outcome?.kind).toBe('error'), WAIT);
    expect(subscription.outcome).toMatchObject({
      kind: 'error',
      error: [{ message: expect.stringContaining('Cannot query field "nope"') }],
    });
    // federation internals of the subgraphs are not part of the API schema
    const internal = observe(connect(), { query: '{ _service { sdl } }' });
    await vi.waitFor(() => expect(internal.outcome?.kind).toBe('error'), WAIT);
    expect(internal.outcome).toMatchObject({ kind: 'error', error: [{ message: 'Cannot query field "_service" on type "Query".' }] });
    expect(fixture.feed.opened).toBe(openedBefore);
  });

  it('closes a socket whose connection_init fails authentication with 4403 Forbidden, before any operation runs', async () => {
    const client = connect({ authorization: REJECTED_TOKEN });
    const first = observe(client, { query: '{ order(id: "1") { id } }' });
    const second = observe(client, { query: ORDER_CHANGED });
    await vi.waitFor(() => {
      expect(first.outcome?.kind).toBe('error');
      expect(second.outcome?.kind).toBe('error');
    }, WAIT);
    for (const { outcome, events } of [first, second]) {
      expect(outcome).toMatchObject({ kind: 'error', error: { code: 4403, reason: 'Forbidden' } });
      expect(events).toEqual([]);
    }
    expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(0);
  });

  it('ends a subscription with one UNAUTHENTICATED result and complete when its token expires, keeping the socket', async () => {
    const expiresAt = Date.now() + 400;
    const client = connect({ authorization: tokenExpiringAt(expiresAt) }, { lazyCloseTimeout: 60_000 });
    const subscription = observe(client, { query: ORDER_CHANGED, variables: { id: '1' } });
    await upstreamOpen(1);
    fixture.feed.publish({ id: '1', status: 'SHIPPED' });
    await vi.waitFor(() => expect(subscription.events).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(subscription.outcome).toEqual({ kind: 'complete' }), WAIT);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(subscription.events).toEqual([
      { data: { orderChanged: { id: '1', note: 'note for shipped order', priority: 1 } } },
      { errors: [{ message: 'Unauthenticated: token expired', extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }] },
    ]);
    await upstreamOpen(0);
    fixture.feed.publish({ id: '1', status: 'LATE' });
    // the socket is still open, and answers a new operation with UNAUTHENTICATED until the client reconnects
    const late = observe(client, { query: ORDER_CHANGED, variables: { id: '1' } });
    await vi.waitFor(() => expect(late.outcome?.kind).toBe('error'), WAIT);
    expect(late.outcome).toMatchObject({ kind: 'error', error: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(subscription.events).toHaveLength(2);
  });
});

describe('graphql-ws gateway when the owning subgraph dies', () => {
  let fixture: MiniSupergraph;
  let client: Client;

  beforeAll(async () => {
    fixture = await startMiniSupergraph();
    client = connectClient(fixture.wsUrl);
  });
  afterAll(async () => {
    await client?.dispose();
    await fixture?.close();
  });

  it('ends the subscription with one SUBGRAPH_UNAVAILABLE error and completes, and fails new ones fast', async () => {
    const subscription = observe(client, { query: ORDER_CHANGED, variables: { id: '1' } });
    await vi.waitFor(() => {
      expect(fixture.feed.active).toBe(1);
      expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(1);
    }, WAIT);
    fixture.feed.publish({ id: '1', status: 'SHIPPED' });
    await vi.waitFor(() => expect(subscription.events).toHaveLength(1), WAIT);

    await fixture.subgraphs.orders.kill();
    await vi.waitFor(() => expect(subscription.outcome).toEqual({ kind: 'complete' }), WAIT);
    expect(subscription.events).toHaveLength(2);
    expect(subscription.events[1]).toEqual({
      errors: [{ message: expect.stringContaining('"orders"'), extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders' } }],
    });
    expect(fixture.wsGateway.openUpstreamSubscriptions()).toBe(0);

    const late = observe(client, { query: ORDER_CHANGED });
    await vi.waitFor(() => expect(late.outcome).toEqual({ kind: 'complete' }), WAIT);
    expect(late.events).toMatchObject([{ errors: [{ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }]);
  });
});
