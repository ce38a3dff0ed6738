import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import { ORDER, orderActions } from './order-helpers.js';

const ORDER_EVENTS = /* GraphQL */ `
  subscription Events($orderId: ID) {
    orderEvents(orderId: $orderId) {
      type
      previousStatus
      order {
        id
        status
        version
        helpArticles {
          title
        }
      }
    }
  }
`;

describe('order status changes through the gateway', () => {
  let supergraph: TestSupergraph;
  const { as, errorOf, place, move } = orderActions(() => supergraph);

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('walks the status machine with the right roles, refusing illegal moves and the wrong actor', async () => {
    const alice = await as('alice-lifecycle');
    const bob = await as('bob-lifecycle');
    const staff = await as('sam', ['staff']);
    const admin = await as('ada', ['admin']);
    const order = await place(alice);
    expect(order).toMatchObject({ status: 'PENDING', version: 1 });

    expect(errorOf(await move(staff, order.id, 'CONFIRMED', 1))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await move(alice, order.id, 'PREPARING', 1))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await move(bob, order.id, 'CANCELLED', 1))).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(await move(staff, order.id, 'READY', 1))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'PENDING',
      to: 'READY',
    });

    const confirmed = await move(alice, order.id, 'CONFIRMED', 1);
    expect(confirmed.body.data.updateOrderStatus).toEqual({ id: order.id, status: 'CONFIRMED', version: 2 });
    expect(errorOf(await move(alice, order.id, 'CANCELLED', 1))).toMatchObject({
      code: 'VERSION_CONFLICT',
      expectedVersion: 1,
      currentVersion: 2,
    });

    expect((await move(staff, order.id, 'PREPARING', 2)).body.data.updateOrderStatus.status).toBe('PREPARING');
    expect(errorOf(await move(alice, order.id, 'CANCELLED', 3))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'PREPARING',
      to: 'CANCELLED',
    });
    expect(errorOf(await move(admin, order.id, 'CANCELLED', 3))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'PREPARING',
      to: 'CANCELLED',
    });
    expect((await move(admin, order.id, 'READY', 3)).body.data.updateOrderStatus.status).toBe('READY');
    expect((await move(staff, order.id, 'COMPLETED', 4)).body.data.updateOrderStatus).toEqual({
      id: order.id,
      status: 'COMPLETED',
      version: 5,
    });
    expect(errorOf(await move(staff, order.id, 'READY', 5))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'COMPLETED',
      to: 'READY',
    });

    // Cancelling: the customer from PENDING, staff from CONFIRMED; a cancelled order is final.
    const second = await place(alice);
    expect((await move(alice, second.id, 'CANCELLED', 1)).body.data.updateOrderStatus.status).toBe('CANCELLED');
    expect(errorOf(await move(alice, second.id, 'CONFIRMED', 2))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'CANCELLED',
      to: 'CONFIRMED',
    });
    const third = await place(alice);
    await move(alice, third.id, 'CONFIRMED', 1);
    expect((await move(staff, third.id, 'CANCELLED', 2)).body.data.updateOrderStatus).toEqual({
      id: third.id,
      status: 'CANCELLED',
      version: 3,
    });

    expect((await supergraph.request(ORDER, { id: order.id }, { token: alice })).body.data.order).toEqual({
      id: order.id,
      status: 'COMPLETED',
      version: 5,
    });
  });

  it('lets exactly one of concurrent changes of the same version win; the others get VERSION_CONFLICT', async () => {
    const alice = await as('alice-race');
    const staff = await Promise.all(['sam', 'sue', 'sid', 'sol', 'sky'].map((sub) => as(sub, ['staff'])));
    const order = await place(alice);
    await move(alice, order.id, 'CONFIRMED', 1);
    const results = await Promise.all([
      ...staff.map((token) => move(token, order.id, 'PREPARING', 2)),
      move(alice, order.id, 'CANCELLED', 2),
      move(staff[0]!, order.id, 'CANCELLED', 2),
    ]);
    const winners = results.filter((result) => !result.body.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.body.errors).map((result) => errorOf(result)?.code)).toEqual(
      Array(6).fill('VERSION_CONFLICT'),
    );
    const current = (await supergraph.request(ORDER, { id: order.id }, { token: alice })).body.data.order;
    expect(current).toEqual({ id: order.id, status: winners[0]!.body.data.updateOrderStatus.status, version: 3 });
  });

  it('sends each status change to an orderEvents subscriber with previousStatus and the help for the new status', async () => {
    const alice = await as('alice-live');
    const staff = await as('sam', ['staff']);
    const order = await place(alice);
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      const stream = collect(client, ORDER_EVENTS, { orderId: order.id });
      await waitFor(
        async () =>
          supergraph.gateway.openUpstreamSubscriptions() === 1 &&
          (await readMetric(supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics'), 'ragline_order_event_subscribers')) === 1,
        'the live subscription',
      );
      await move(alice, order.id, 'CONFIRMED', 1);
      await move(staff, order.id, 'PREPARING', 2);
      await move(staff, order.id, 'READY', 3);

      // The order's ORDER_CREATED may still be on its way (the relay publishes after the commit): only changes count here.
      const changes = () => stream.results.filter((event: any) => event.errors || event.data?.orderEvents.type !== 'ORDER_CREATED');
      await waitFor(() => changes().length >= 3, 'three status change events');
      const events = changes();
      expect(events.flatMap((event) => event.errors ?? [])).toEqual([]);
      expect(
        events.map((event: any) => [
          event.data.orderEvents.type,
          event.data.orderEvents.previousStatus,
          event.data.orderEvents.order.status,
          event.data.orderEvents.order.version,
        ]),
      ).toEqual([
        ['ORDER_STATUS_CHANGED', 'PENDING', 'CONFIRMED', 2],
        ['ORDER_STATUS_CHANGED', 'CONFIRMED', 'PREPARING', 3],
        ['ORDER_STATUS_CHANGED', 'PREPARING', 'READY', 4],
      ]);
      const help = events.map((event: any) => event.data.orderEvents.order.helpArticles.map((article: any) => article.title));
      expect(help[0]).toContain('Cancellation policy');
      expect(help[1]).toEqual(['Allergens and dietary needs']);
      expect(help[2]).toEqual(['Picking up your order']);
    } finally {
      await client.dispose();
    }
  });
});
