import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import { orderActions } from './order-helpers.js';

const ORDER_EVENTS = /* GraphQL */ `
  subscription Events($orderId: ID, $after: ID) {
    orderEvents(orderId: $orderId, after: $after) {
      eventId
      type
      order {
        id
        status
        version
      }
    }
  }
`;

describe('orderEvents resumes after the last event a client saw, through the gateway', () => {
  let supergraph: TestSupergraph;
  const { as, place, move } = orderActions(() => supergraph);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  const follow = async (token: string, variables: Record<string, unknown>) =>
    collect(wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` }), ORDER_EVENTS, variables);

  it('replays the missed events in order, then live ones, each once', async () => {
    const alice = await as('resume-alice');
    const staff = await as('resume-staff', ['staff']);
    const order = await place(alice);
    const first = await follow(alice, { orderId: order.id });
    await waitForSubscription(supergraph);
    expect((await move(alice, order.id, 'CONFIRMED', 1)).body.errors).toBeUndefined();
    const seen = await first.nth(1, 15_000);
    first.unsubscribe();

    // While the client is away, the kitchen moves the order twice.
    expect((await move(staff, order.id, 'PREPARING', 2)).body.errors).toBeUndefined();
    expect((await move(staff, order.id, 'READY', 3)).body.errors).toBeUndefined();

    const resumed = await follow(alice, { orderId: order.id, after: seen.data.orderEvents.eventId });
    await resumed.nth(2, 15_000);
    expect((await move(staff, order.id, 'COMPLETED', 4)).body.errors).toBeUndefined();
    await resumed.nth(3, 15_000);
    const statuses = resumed.results.map((result) => result.data.orderEvents.order.status);
    expect(statuses).toEqual(['PREPARING', 'READY', 'COMPLETED']);
    const ids = resumed.results.map((result) => result.data.orderEvents.eventId);
    expect(new Set([...ids, seen.data.orderEvents.eventId]).size).toBe(4);
    resumed.unsubscribe();
  });

  it("replays only the caller's own orders to a customer", async () => {
    const alice = await as('resume-alice-2');
    const bob = await as('resume-bob');
    const alicesOrder = await place(alice);
    const alices = await follow(alice, { orderId: alicesOrder.id });
    await waitForSubscription(supergraph);
    await move(alice, alicesOrder.id, 'CONFIRMED', 1);
    const aliceEvent = await alices.nth(1, 15_000);
    alices.unsubscribe();

    await move(alice, alicesOrder.id, 'CANCELLED', 2);
    const bobsOrder = await place(bob);
    const bobs = await follow(bob, { after: aliceEvent.data.orderEvents.eventId });
    const firstForBob = await bobs.nth(1, 15_000);
    expect(firstForBob.data.orderEvents.order.id).toBe(bobsOrder.id);
    bobs.unsubscribe();
  });

  it('refuses a resume point it does not know with a stable code', async () => {
    const alice = await as('resume-alice-3');
    const unknown = await follow(alice, { after: '00000000-0000-4000-8000-000000000000' });
    const result = await unknown.nth(1, 15_000).catch(() => undefined);
    const errors = (result?.errors ?? (unknown.error as any[])) as { extensions?: { code?: string } }[];
    expect(errors?.[0]?.extensions?.code).toBe('RESUME_POINT_UNKNOWN');

    const malformed = await follow(alice, { after: 'not-an-event' });
    const bad = await malformed.nth(1, 15_000).catch(() => undefined);
    expect(((bad?.errors ?? malformed.error) as any[])?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/** The gateway has an upstream open and the orders subgraph delivers bus events to it, so the next event reaches it. */
function waitForSubscription(supergraph: TestSupergraph): Promise<void> {
  const metrics = supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics');
  return waitFor(
    async () =>
      supergraph.gateway.openUpstreamSubscriptions() === 1 && (await readMetric(metrics, 'ragline_order_event_subscribers')) === 1,
    'a live order subscription',
    15_000,
  );
}
