import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../platform/events/event-bus.js';
import { ORDER_EVENTS_STREAM } from '../../platform/events/contracts/order-events.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import { orderActions } from './order-helpers.js';

const TRACKER = /* GraphQL */ `
  subscription Tracker {
    orderEvents {
      type
      order {
        id
        customerId
        status
        helpArticles {
          title
        }
      }
    }
  }
`;
const BOARD = /* GraphQL */ `
  subscription Board {
    orderEvents {
      type
      order {
        id
        customerId
        status
        lines {
          name
          quantity
        }
      }
    }
  }
`;

/**
 * The orders subgraph reads the bus once for all orderEvents subscriptions and hands each event only to those that may
 * see it: through the gateway, each client still gets exactly its own events, each once, in commit order.
 */
describe('order events fanned out to many subscribers through the gateway', () => {
  let supergraph: TestSupergraph;
  const { as, place, move } = orderActions(() => supergraph);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('gives customers their own orders only, staff the whole tenant, another tenant nothing, each in commit order', async () => {
    const tokens = {
      alicePhone: await as('alice'),
      aliceLaptop: await as('alice'),
      bob: await as('bob'),
      carol: await as('carol'),
      board1: await as('kitchen-1', ['staff']),
      board2: await as('kitchen-2', ['staff']),
      otherTenantAlice: await as('alice', ['customer'], 'other-shop'),
      otherTenantStaff: await as('kitchen-1', ['staff'], 'other-shop'),
    };
    const clients = Object.fromEntries(
      Object.entries(tokens).map(([name, token]) => [name, wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` })]),
    );
    const committed = supergraph.bus.subscribe(ORDER_EVENTS_STREAM);
    try {
      const streams = Object.fromEntries(
        Object.entries(clients).map(([name, client]) => [
          name,
          collect(client, name.startsWith('board') || name.endsWith('Staff') ? BOARD : TRACKER),
        ]),
      );
      const metrics = supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics');
      await waitFor(async () => (await readMetric(metrics, 'ragline_order_event_subscribers')) === 8, '8 live subscriptions');

      // Interleaved: orders of three customers, then two of them moving along.
      const aliceFirst = await place(tokens.alicePhone);
      const bobFirst = await place(tokens.bob);
      const aliceSecond = await place(tokens.aliceLaptop, 2);
      expect((await move(tokens.alicePhone, aliceFirst.id, 'CONFIRMED', 1)).body.errors).toBeUndefined();
      const carolFirst = await place(tokens.carol);
      expect((await move(tokens.bob, bobFirst.id, 'CANCELLED', 1)).body.errors).toBeUndefined();

      const busOrder: { id: string; customerId: string }[] = [];
      while (busOrder.length < 6) {
        const event = (await committed.next()).value as BusEvent<{ orderId: string; customerId: string }>;
        busOrder.push({ id: event.payload.orderId, customerId: event.payload.customerId });
      }
      const expectedFor = (customerId?: string) =>
        busOrder.filter((event) => !customerId || event.customerId === customerId).map((event) => event.id);
      const expectations: Record<string, string[]> = {
        alicePhone: expectedFor('alice'),
        aliceLaptop: expectedFor('alice'),
        bob: expectedFor('bob'),
        carol: expectedFor('carol'),
        board1: expectedFor(),
        board2: expectedFor(),
      };
      for (const [name, expected] of Object.entries(expectations)) {
        await streams[name]!.nth(expected.length);
        const received = streams[name]!.results.map((result) => {
          expect(result.errors).toBeUndefined();
          return (result.data as any).orderEvents.order.id;
        });
        expect(received, name).toEqual(expected);
      }
      expect(expectations.alicePhone).toEqual([aliceFirst.id, aliceSecond.id, aliceFirst.id]);
      expect(expectations.carol).toEqual([carolFirst.id]);
      // Each subscriber's own selection: trackers their help articles (knowledge subgraph, the subscriber's token), boards lines.
      const aliceConfirmed = streams.alicePhone!.results[2]!.data as any;
      expect(aliceConfirmed.orderEvents).toMatchObject({
        type: 'ORDER_STATUS_CHANGED',
        order: { status: 'CONFIRMED', customerId: 'alice' },
      });
      expect(aliceConfirmed.orderEvents.order.helpArticles.map((article: { title: string }) => article.title)).toContain(
        'Cancellation policy',
      );
      expect((streams.board2!.results[1]!.data as any).orderEvents.order).toMatchObject({
        id: bobFirst.id,
        customerId: 'bob',
        lines: [{ name: expect.any(String), quantity: 1 }],
      });
      // Another tenant's subscribers, the same user ID included, saw none of it (carol's event came after all the others).
      expect(streams.otherTenantAlice!.results).toHaveLength(0);
      expect(streams.otherTenantStaff!.results).toHaveLength(0);
    } finally {
      await committed.return?.();
      await Promise.all(Object.values(clients).map((client) => client.dispose()));
    }
  });
});
