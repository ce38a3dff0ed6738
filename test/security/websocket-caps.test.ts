import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_MANY_SOCKETS_CLOSE_CODE, TOO_MANY_SUBSCRIPTIONS } from '../../gateway/subscriptions/socket-limits.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

const ORDER_EVENTS = 'subscription { orderEvents { eventId } }';

describe("the gateway's graphql-ws caps", () => {
  let supergraph: TestSupergraph;
  const open: Array<{ dispose(): unknown }> = [];
  const client = async (sub: string) => {
    const created = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${await supergraph.token({ sub })}` });
    open.push(created);
    return created;
  };
  const upstreams = (n: number) => waitFor(async () => supergraph.gateway.openUpstreamSubscriptions() === n, `${n} open upstreams`);

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SOCKETS_PER_USER: '2' });
  });
  afterAll(async () => {
    for (const each of open) await each.dispose();
    await supergraph?.close();
  });

  it('refuses an operation past WS_MAX_SUBSCRIPTIONS_PER_SOCKET with TOO_MANY_SUBSCRIPTIONS, and takes one again once another ends', async () => {
    const socket = await client('carol');
    const subscriptions = [collect(socket, ORDER_EVENTS), collect(socket, ORDER_EVENTS), collect(socket, ORDER_EVENTS)];
    await upstreams(3);

    const fourth = collect(socket, ORDER_EVENTS);
    await fourth.done();
    expect(fourth.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: TOO_MANY_SUBSCRIPTIONS, max: 3 }) }),
    ]);
    const query = collect(socket, '{ __typename }');
    await query.done();
    expect((query.error as any)?.[0]?.extensions?.code).toBe(TOO_MANY_SUBSCRIPTIONS);

    subscriptions[0]!.unsubscribe();
    await upstreams(2);
    const again = collect(socket, '{ __typename }');
    expect((await again.nth(1)).data).toEqual({ __typename: 'Query' });
    for (const subscription of subscriptions) subscription.unsubscribe();
    await upstreams(0);
  });

  it("closes a user's socket past WS_MAX_SOCKETS_PER_USER with 4429, while other users connect", async () => {
    const daves = [await client('dave'), await client('dave')];
    collect(daves[0]!, ORDER_EVENTS);
    const second = collect(daves[1]!, ORDER_EVENTS);
    await upstreams(2);

    const third = collect(await client('dave'), ORDER_EVENTS);
    await third.done();
    expect((third.error as { code?: number })?.code).toBe(TOO_MANY_SOCKETS_CLOSE_CODE);
    expect((third.error as { reason?: string })?.reason).toMatch(/TOO_MANY_SOCKETS/);

    const erin = collect(await client('erin'), '{ __typename }');
    expect((await erin.nth(1)).data).toEqual({ __typename: 'Query' });

    // A closed socket frees its place.
    await daves[0]!.dispose();
    await upstreams(1);
    const fourth = collect(await client('dave'), '{ __typename }');
    expect((await fourth.nth(1)).data).toEqual({ __typename: 'Query' });
    second.unsubscribe();
  });
});
