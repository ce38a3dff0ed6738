import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../platform/events/event-bus.js';
import { ORDER_EVENTS_STREAM } from '../../platform/events/contracts/order-events.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { CREATE_ORDER, margherita, margheritaPrice, ORDER, ORDERS, orderActions } from './order-helpers.js';

describe('order lifecycle through the gateway', () => {
  let supergraph: TestSupergraph;
  const { as, errorOf, place, move } = orderActions(() => supergraph);

  beforeAll(async () => {
    // 100 concurrent retries of one order by one customer: past the default createOrder rate limit (30 a minute).
    supergraph = await startTestSupergraph({ RATE_LIMIT_ORDERS_PER_MINUTE: '1000' });
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
