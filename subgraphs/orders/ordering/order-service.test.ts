import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { OptimisticLockError } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../../../db/open-subgraph-database-for.js';
import { DEMO_MENU } from '../../../db/seed/demo-tenant.js';
import { seedOrders, seedPromotions } from '../seed-demo-tenant.js';
import { stableId } from '../../../db/seed/stable-id.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { loadConfig } from '../../../platform/config.js';
import { createLogger } from '../../../platform/logger.js';
import { OrderEntity } from './order.entity.js';
import { ordersSubgraph } from '../index.js';
import { PromotionLedger } from '../promotions/promotion-ledger.js';
import { PromotionRepository } from '../promotions/promotion-repository.js';
import { OrderService } from './order-service.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const alice: Principal = { userId: 'alice', tenantId: 'demo', roles: ['customer'] };
const staff: Principal = { userId: 'sam', tenantId: 'demo', roles: ['staff'] };
const margherita = stableId('demo', 'product', 'margherita');
const price = DEMO_MENU.find((item) => item.slug === 'margherita')!.priceCents;

describe('OrderService on the database', () => {
  let database: SubgraphDatabase;
  let orders: OrderService;
  let wakeUps = 0;
  let keys = 0;
  const key = () => `service-test-${++keys}`;
  const outbox = async (orderId: string) =>
    database
      .em()
      .execute<{ type: string; aggregate_version: number; payload: any }[]>(
        `select type, aggregate_version, payload from "${database.schema}".outbox where aggregate_id = ? order by id`,
        [orderId],
      );
  const redemptions = async (code: string) =>
    Number((await database.em().execute(`select redemptions from "${database.schema}".promotions where code = ?`, [code]))[0].redemptions);

  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: 'pglite:memory', LOG_LEVEL: 'silent' });
    database = await openSubgraphDatabaseFor(ordersSubgraph, {
      config,
      logger,
      databaseSchema: `s${randomBytes(3).toString('hex')}_orders`,
    });
    await seedOrders(database.em());
    await seedPromotions(database.em());
    orders = new OrderService(
      () => database.em(),
      () => void wakeUps++,
    );
  });
  afterAll(async () => {
    await database?.close();
    await closeAllEmbeddedPglite();
  });

  it('stores the quoted prices and writes them into the ORDER_CREATED snapshot', async () => {
    const cart = { items: [{ productId: margherita, quantity: 2 }], promoCode: 'welcome10' };
    const quote = await orders.quote(alice, cart);
    expect(quote).toMatchObject({
      subtotalCents: 2 * price,
      discountCents: 250,
      taxCents: 225,
      totalCents: 2 * price - 250 + 225,
      taxRateBp: 1000,
    });
    expect(await redemptions('WELCOME10')).toBe(0);

    const order = await orders.createOrder(alice, cart, key());
    expect(order).toMatchObject({
      subtotalCents: quote.subtotalCents,
      discountCents: quote.discountCents,
      taxCents: quote.taxCents,
      totalCents: quote.totalCents,
      promoCode: 'WELCOME10',
    });
    expect(await redemptions('WELCOME10')).toBe(1);
    const [created] = await outbox(order.id);
    expect(created).toMatchObject({ type: 'ORDER_CREATED', aggregate_version: 1 });
    expect(created!.payload.order).toMatchObject({
      discountCents: 250,
      taxCents: 225,
      promoCode: 'WELCOME10',
      totalCents: order.totalCents,
    });
  });

  it('answers a replay with the stored order even when its cart no longer prices, and refuses the key for another cart', async () => {
    const cart = { items: [{ productId: margherita, quantity: 1 }] };
    const replayed = key();
    const order = await orders.createOrder(alice, cart, replayed);
    const products = `"${database.schema}".products`;
    await database.em().execute(`update ${products} set available = false where id = ?`, [margherita]);
    try {
      await expect(orders.createOrder(alice, cart, key())).rejects.toThrow();
      expect(await orders.createOrder(alice, cart, replayed)).toMatchObject({ id: order.id, totalCents: order.totalCents });
    } finally {
      await database.em().execute(`update ${products} set available = true where id = ?`, [margherita]);
    }
    await expect(orders.createOrder(alice, { items: [{ productId: margherita, quantity: 2 }] }, replayed)).rejects.toMatchObject({
      extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await database.em().count(OrderEntity, { idempotencyKey: replayed })).toBe(1);
  });

  it('writes an order without a promotion and its ORDER_CREATED together, and a concurrent duplicate of its key neither', async () => {
    const cart = { items: [{ productId: margherita, quantity: 3, notes: 'extra basil' }] };
    const shared = key();
    const [first, second] = await Promise.all([orders.createOrder(alice, cart, shared), orders.createOrder(alice, cart, shared)]);
    expect(second.id).toBe(first.id);
    const stored = (await database.em().fork().findOne(OrderEntity, { id: first.id }))!;
    expect(stored).toMatchObject({ status: 'PENDING', version: 1, promoCode: null, totalCents: first.totalCents, customerId: 'alice' });
    expect(stored.lines).toEqual([expect.objectContaining({ productId: margherita, quantity: 3, notes: 'extra basil' })]);
    expect(stored.createdAt.toISOString()).toBe(first.createdAt.toISOString());
    const events = await outbox(first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ORDER_CREATED', aggregate_version: 1 });
    expect(events[0]!.payload.order).toMatchObject({ id: first.id, lines: stored.lines, totalCents: stored.totalCents, version: 1 });
    expect(await database.em().count(OrderEntity, { idempotencyKey: shared })).toBe(1);
  });

  it('writes ORDER_STATUS_CHANGED with previousStatus and the new version in the change transaction, then wakes the relay', async () => {
    const order = await orders.createOrder(alice, { items: [{ productId: margherita, quantity: 1 }] }, key());
    const before = wakeUps;
    const confirmed = await orders.updateOrderStatus(alice, { id: order.id, status: 'CONFIRMED', expectedVersion: 1 });
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(wakeUps).toBe(before + 1);
    const events = await outbox(order.id);
    expect(events.map((event) => [event.type, event.aggregate_version, event.payload.previousStatus, event.payload.order.status])).toEqual([
      ['ORDER_CREATED', 1, null, 'PENDING'],
      ['ORDER_STATUS_CHANGED', 2, 'PENDING', 'CONFIRMED'],
    ]);

    // A refused change writes nothing.
    await expect(orders.updateOrderStatus(staff, { id: order.id, status: 'READY', expectedVersion: 2 })).rejects.toThrow(
      /cannot go from CONFIRMED to READY/,
    );
    expect(await outbox(order.id)).toHaveLength(2);
  });

  it('updates on the version only: a change based on a stale read matches no row', async () => {
    const order = await orders.createOrder(alice, { items: [{ productId: margherita, quantity: 1 }] }, key());
    const em = database.em();
    const stale = (await em.findOne(OrderEntity, { id: order.id }))!;
    await orders.updateOrderStatus(alice, { id: order.id, status: 'CONFIRMED', expectedVersion: 1 });
    stale.status = 'CANCELLED';
    await expect(em.flush()).rejects.toBeInstanceOf(OptimisticLockError);
    expect((await orders.getOrder(alice, order.id))!.status).toBe('CONFIRMED');
  });

  it('gives the promotion use back on cancellation, once', async () => {
    const before = await redemptions('FIVEOFF');
    const order = await orders.createOrder(alice, { items: [{ productId: margherita, quantity: 1 }], promoCode: 'FIVEOFF' }, key());
    expect(await redemptions('FIVEOFF')).toBe(before + 1);
    await orders.updateOrderStatus(alice, { id: order.id, status: 'CANCELLED', expectedVersion: 1 });
    expect(await redemptions('FIVEOFF')).toBe(before);
    const [row] = await database
      .em()
      .execute(`select released_at from "${database.schema}".promotion_redemptions where order_id = ?`, [order.id]);
    expect(row.released_at).not.toBeNull();
  });

  it('rolls the order back when the claim inside the transaction fails, saying why from the promotion as it is now', async () => {
    const promotions = `"${database.schema}".promotions`;
    const [fiveOff] = await database
      .em()
      .execute<{ id: string; code: string }[]>(`select id, code from ${promotions} where code = 'FIVEOFF'`);
    const ledger = new PromotionLedger(new PromotionRepository(() => database.em()));
    const attempt = (customerId: string) =>
      database.em().transactional(async (tx) => {
        const now = new Date();
        const lines = [{ productId: margherita, name: 'Margherita Pizza', unitPriceCents: price, quantity: 1, notes: null }];
        const order = tx.create(OrderEntity, {
          id: randomUUID(),
          tenantId: 'demo',
          customerId,
          status: 'PENDING',
          lines,
          subtotalCents: price,
          discountCents: 500,
          taxCents: 0,
          totalCents: price - 500,
          currency: 'EUR',
          promoCode: 'FIVEOFF',
          idempotencyKey: key(),
          requestHash: 'x',
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        // As if priced a moment ago, when FIVEOFF was still available:
        await ledger.claim(tx, { promotion: fiveOff!, tenantId: 'demo', orderId: order.id, customerId, subtotalCents: price, now });
      });
    const redemptionRows = async () =>
      Number((await database.em().execute(`select count(*) as n from "${database.schema}".promotion_redemptions`))[0].n);
    const rowsBefore = await redemptionRows();

    await database.em().execute(`update ${promotions} set redemptions = 1, max_redemptions = 1 where code = 'FIVEOFF'`);
    await expect(attempt('claim-exhausted')).rejects.toMatchObject({ extensions: { code: 'PROMO_EXHAUSTED' } });
    await database
      .em()
      .execute(`update ${promotions} set max_redemptions = null, valid_until = now() - interval '1 minute' where code = 'FIVEOFF'`);
    await expect(attempt('claim-expired')).rejects.toMatchObject({ extensions: { code: 'PROMO_EXPIRED' } });
    await database.em().execute(`update ${promotions} set valid_until = null, active = false where code = 'FIVEOFF'`);
    await expect(attempt('claim-inactive')).rejects.toMatchObject({ extensions: { code: 'PROMO_NOT_FOUND' } });
    expect(await redemptionRows()).toBe(rowsBefore);
    expect(
      Number((await database.em().execute(`select count(*) as n from "${database.schema}".orders where customer_id like 'claim-%'`))[0].n),
    ).toBe(0);
  });
});
