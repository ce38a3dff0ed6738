import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../../../db/open-subgraph-database-for.js';
import type { SubgraphDatabase } from '../../../db/connection.js';
import { loadConfig } from '../../../platform/config.js';
import type { BusEvent, EventBus } from '../../../platform/events/event-bus.js';
import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { createLogger } from '../../../platform/logger.js';
import { ordersSubgraph } from '../index.js';
import { OrderService } from '../ordering/order-service.js';
import { OrderEntity } from '../ordering/order.entity.js';
import { appendOrderEvent } from './append-order-event.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRepository } from './outbox-repository.js';
import { DEMO_MENU } from '../../../db/seed/demo-tenant.js';
import { seedOrders } from '../seed-demo-tenant.js';
import { stableId } from '../../../db/seed/stable-id.js';
import { ORDER_EVENTS_STREAM } from '../../../platform/events/contracts/order-events.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const customer = { userId: 'alice', tenantId: 'demo', roles: ['customer' as const] };
const productId = stableId('demo', 'product', DEMO_MENU[0]!.slug);

/** A bus whose publishes fail while `down` is set: a Redis outage as the relay sees it. */
function flakyBus(inner: EventBus) {
  const state = { down: false };
  const bus: EventBus = Object.create(inner);
  bus.publish = (stream, event) => (state.down ? Promise.reject(new Error('bus unavailable')) : inner.publish(stream, event));
  return { bus, state };
}

describe('outbox relay', () => {
  let database: SubgraphDatabase;
  let bus: InProcessEventBus;
  let orders: OrderService;
  let keys = 0;
  const placeOrders = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await orders.createOrder(customer, { items: [{ productId, quantity: 1 }] }, `relay-test-${++keys}`)).id);
    return ids;
  };
  const backlog = async () =>
    Number((await database.em().execute(`select count(*) as n from "${database.schema}".outbox where published_at is null`))[0].n);

  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL ?? 'pglite:memory', LOG_LEVEL: 'silent' });
    database = await openSubgraphDatabaseFor(ordersSubgraph, {
      config,
      logger,
      databaseSchema: `o${randomBytes(3).toString('hex')}_orders`,
    });
    await seedOrders(database.em());
    bus = new InProcessEventBus({ logger });
    orders = new OrderService(() => database.em());
  });
  afterAll(async () => {
    await bus?.close();
    if (database?.kind === 'postgres') await database.em().execute(`drop schema "${database.schema}" cascade`);
    await database?.close();
    await closeAllEmbeddedPglite();
  });

  it('writes the event in the order transaction and publishes it in order with its eventId', async () => {
    const received: BusEvent[] = [];
    const live = bus.subscribe(ORDER_EVENTS_STREAM);
    const reading = (async () => {
      for await (const event of live) if (received.push(event) === 3) break;
    })();
    const ids = await placeOrders(3);
    expect(await backlog()).toBe(3);
    await new OutboxRelay(database, bus, logger).relayOnce();
    await reading;
    expect(received.map((event) => (event.payload as { orderId: string }).orderId)).toEqual(ids);
    expect(received.every((event) => event.type === 'ORDER_CREATED' && event.tenantId === 'demo')).toBe(true);
    expect(await backlog()).toBe(0);
  });

  it('loses nothing when a relay dies between publish and mark: the next one republishes the same eventIds', async () => {
    const seen: string[] = [];
    const consumer = await bus.consume(ORDER_EVENTS_STREAM, `crash-${keys}`, async (event) => void seen.push(event.eventId), {
      redeliverAfterMs: 50,
    });
    await placeOrders(4);
    const dying = new OutboxRelay(database, bus, logger, { leaseMs: 100 });
    const claim = await dying.claim();
    await dying.publish(claim.rows); // ... and dies before markPublished
    expect(await backlog()).toBe(4);

    const successor = new OutboxRelay(database, bus, logger, { leaseMs: 100 });
    expect(await successor.relayOnce()).toBe(0); // the dead relay's lease still holds
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await successor.relayOnce()).toBe(4);
    expect(await backlog()).toBe(0);

    await expect.poll(() => seen.length, { timeout: 2000 }).toBe(8);
    const unique = new Set(seen);
    expect(unique.size).toBe(4);
    expect(new Set(claim.rows.map((row) => row.event_id))).toEqual(unique);
    await consumer.stop();
  });

  it('keeps events while the bus is down and drains the backlog, in order, when it is back', async () => {
    const { bus: flaky, state } = flakyBus(bus);
    const received: string[] = [];
    const live = bus.subscribe(ORDER_EVENTS_STREAM);
    const relay = new OutboxRelay(database, flaky, logger, { pollIntervalMs: 20 });
    state.down = true;
    relay.start();
    const ids = await placeOrders(5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await backlog()).toBe(5);
    const stats = await relay.housekeeping();
    expect(stats.backlog).toBe(5);
    expect(stats.oldestAgeSeconds).toBeGreaterThan(0);

    state.down = false;
    const reading = (async () => {
      for await (const event of live) if (received.push((event.payload as { orderId: string }).orderId) === 5) break;
    })();
    await reading;
    await relay.stop();
    expect(received).toEqual(ids);
    expect(await backlog()).toBe(0);
  });

  it("sends a batch's events together, in order, without waiting for each one's answer", async () => {
    const ids = await placeOrders(3);
    const sent: string[] = [];
    const answers: (() => void)[] = [];
    const slowBus: EventBus = Object.create(bus);
    slowBus.publish = (stream, event) => {
      sent.push((event.payload as { orderId: string }).orderId);
      return new Promise((resolve) => answers.push(() => resolve(bus.publish(stream, event))));
    };
    const relaying = new OutboxRelay(database, slowBus, logger).relayOnce();
    await expect.poll(() => sent.length).toBe(3); // all three went out before the bus answered the first
    expect(sent).toEqual(ids);
    answers.forEach((answer) => answer());
    expect(await relaying).toBe(3);
    expect(await backlog()).toBe(0);
  });

  it('marks only the events before a failed one and sends that one and the rest again in order', async () => {
    const ids = await placeOrders(4);
    const received: string[] = [];
    const live = bus.subscribe(ORDER_EVENTS_STREAM);
    let calls = 0;
    const onceFailing: EventBus = Object.create(bus);
    onceFailing.publish = (stream, event) => (++calls === 2 ? Promise.reject(new Error('bus hiccup')) : bus.publish(stream, event));
    const relay = new OutboxRelay(database, onceFailing, logger);
    expect(await relay.relayOnce()).toBe(1);
    expect(await backlog()).toBe(3);
    expect(await relay.relayOnce()).toBe(3);
    expect(await backlog()).toBe(0);
    for await (const event of live) if (received.push((event.payload as { orderId: string }).orderId) === 5) break;
    // The third and fourth went out in the failed batch too: delivered again after the second, as duplicates.
    expect(received).toEqual([ids[0], ids[2], ids[3], ids[1], ids[2]]);
  });

  it('refuses an event that does not match order_v1 and rolls the change back with it', async () => {
    const countOrders = async () => Number((await database.em().execute(`select count(*) as n from "${database.schema}".orders`))[0].n);
    const before = await countOrders();
    const attempt = database.em().transactional(async (tx) => {
      const now = new Date();
      const order = tx.create(OrderEntity, {
        id: randomUUID(),
        tenantId: 'demo',
        customerId: 'alice',
        status: 'PENDING',
        lines: [],
        subtotalCents: 0,
        totalCents: 0,
        currency: 'EUR',
        idempotencyKey: 'invalid-event-1',
        requestHash: 'x',
        version: 1,
        createdAt: now,
        updatedAt: now,
      } as never);
      appendOrderEvent(new OutboxRepository(() => database.em()), tx, 'ORDER_CREATED', order); // an order without lines breaks order_v1
    });
    await expect(attempt).rejects.toThrow(/lines/);
    expect(await countOrders()).toBe(before);
    expect(await backlog()).toBe(0);
  });
});
