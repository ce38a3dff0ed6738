import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import type { Role } from '../../platform/auth/principal.js';
import type { BusEvent } from '../../platform/events/event-bus.js';
import { ORDER_EVENTS_STREAM } from '../../platform/events/contracts/order-events.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

const ORDER_FIELDS = 'id status version customerId subtotalCents discountCents taxCents totalCents promoCode createdAt';
const CREATE_ORDER = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!, $key: String!) { createOrder(input: $input, idempotencyKey: $key) { ${ORDER_FIELDS} } }
`;
const UPDATE_STATUS = /* GraphQL */ `
  mutation Move($id: ID!, $status: OrderStatus!, $version: Int!) {
    updateOrderStatus(id: $id, status: $status, expectedVersion: $version) {
      id
      status
      version
    }
  }
`;
const ORDERS = /* GraphQL */ `
  query Orders($first: Int, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          id
          status
          customerId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      version
    }
  }
`;
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

const margherita = stableId(DEMO_TENANT, 'product', 'margherita');
const margheritaPrice = DEMO_MENU.find((item) => item.slug === 'margherita')!.priceCents;

describe('order lifecycle through the gateway', () => {
  let supergraph: TestSupergraph;
  let keys = 0;
  const as = (sub: string, roles: Role[] = ['customer'], tenant = DEMO_TENANT) => supergraph.token({ sub, roles, tenant });
  const errorOf = (result: { body: { errors?: any[] } }) => result.body.errors?.[0]?.extensions;
  const place = async (token: string, quantity = 1) => {
    const result = await supergraph.request(
      CREATE_ORDER,
      { input: { items: [{ productId: margherita, quantity }] }, key: `lifecycle-${++keys}` },
      { token },
    );
    expect(result.body.errors).toBeUndefined();
    return result.body.data.createOrder as { id: string; status: string; version: number; totalCents: number };
  };
  const move = (token: string, id: string, status: string, version: number) =>
    supergraph.request(UPDATE_STATUS, { id, status, version }, { token });

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
  });
  afterAll(() => supergraph?.close());

  it('turns 100 concurrent createOrder calls with one key into one order and one ORDER_CREATED event', async () => {
    const token = await as('dupe-customer');
    const events: BusEvent[] = [];
    const live = supergraph.bus.subscribe(ORDER_EVENTS_STREAM);
    const reading = (async () => {
      for await (const event of live) {
        events.push(event);
        if ((event.payload as { customerId: string }).customerId === 'sentinel') break;
      }
    })();
    const input = { items: [{ productId: margherita, quantity: 2 }] };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => supergraph.request(CREATE_ORDER, { input, key: 'one-key-for-100-calls' }, { token })),
    );
    expect(results.flatMap((result) => result.body.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((result) => result.body.data.createOrder.id));
    expect(ids.size).toBe(1);
    const [orderId] = ids;

    // The relay publishes in commit order: once a later order's event arrives, every earlier one has been published.
    await place(await as('sentinel'));
    await reading;
    expect(events.filter((event) => (event.payload as { orderId: string }).orderId === orderId).map((event) => event.type)).toEqual([
      'ORDER_CREATED',
    ]);
    const listed = await supergraph.request(ORDERS, { first: 100 }, { token });
    expect(listed.body.data.orders.edges.map((edge: any) => edge.node.id)).toEqual([orderId]);
  });

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

  it('pages orders newest first: customers see their own, staff the tenant, filtered by status', async () => {
    const carol = await as('carol-pages');
    const dave = await as('dave-pages');
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push((await place(carol)).id);
    const davesOrder = (await place(dave)).id;
    await move(carol, placed[1]!, 'CONFIRMED', 1);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = (await supergraph.request(ORDERS, { first: 2, after }, { token: carol })).body.data.orders;
      seen.push(...page.edges.map((edge: any) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(seen).toEqual([...placed].reverse());
    expect(pages).toBe(3);

    const confirmed = await supergraph.request(ORDERS, { status: 'CONFIRMED' }, { token: carol });
    expect(confirmed.body.data.orders.edges.map((edge: any) => edge.node.id)).toEqual([placed[1]]);

    const staffView = await supergraph.request(ORDERS, { first: 100 }, { token: await as('sam', ['staff']) });
    const staffIds = staffView.body.data.orders.edges.map((edge: any) => edge.node.id);
    expect(staffIds).toEqual(expect.arrayContaining([...placed, davesOrder]));
    expect(staffIds.indexOf(davesOrder)).toBeLessThan(staffIds.indexOf(placed[4]));

    expect(errorOf(await supergraph.request(ORDERS, { first: 2, after: 'bm90LWEtY3Vyc29y' }, { token: carol }))?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('shows another tenant nothing: orders, order, updateOrderStatus and quote', async () => {
    const alice = await as('alice-isolation');
    const order = await place(alice);
    const stranger = await as('alice-isolation', ['admin'], 'other-shop');
    expect((await supergraph.request(ORDERS, { first: 100 }, { token: stranger })).body.data.orders.edges).toEqual([]);
    expect((await supergraph.request(ORDER, { id: order.id }, { token: stranger })).body.data.order).toBeNull();
    const moved = await move(stranger, order.id, 'CANCELLED', 1);
    expect(errorOf(moved)).toMatchObject({ code: 'NOT_FOUND' });
    expect(moved.body.data).toBeNull();
    const missing = await move(stranger, '00000000-0000-4000-8000-000000000000', 'CANCELLED', 1);
    expect(errorOf(missing)?.code).toBe('NOT_FOUND');
    expect(moved.body.errors![0].message.replace(order.id, 'ID')).toBe(
      missing.body.errors![0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    const quote = await supergraph.request(
      `query Q($input: CreateOrderInput!) { quote(input: $input) { totalCents } }`,
      { input: { items: [{ productId: margherita, quantity: 1 }] } },
      { token: stranger },
    );
    expect(errorOf(quote)?.code).toBe('PRODUCT_NOT_FOUND');
    expect(quote.body.data).toBeNull();
    expect((await supergraph.request(ORDER, { id: order.id }, { token: alice })).body.data.order.status).toBe('PENDING');
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

  it('prices orders with the tenant tax rate', async () => {
    const order = await place(await as('erin-tax'), 2);
    const subtotal = 2 * margheritaPrice;
    expect(order).toMatchObject({
      subtotalCents: subtotal,
      discountCents: 0,
      taxCents: Math.round(subtotal / 10),
      totalCents: subtotal + Math.round(subtotal / 10),
      promoCode: null,
    });
  });
});
