import { randomUUID } from 'node:crypto';
import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { Principal } from '../../../platform/auth/principal.js';
import { appError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/is-uuid.js';
import { ProductRepository } from '../catalog/product-repository.js';
import { appendOrderEvent, orderEventRow } from '../outbox/append-order-event.js';
import { OutboxRepository } from '../outbox/outbox-repository.js';
import { OrderPricer, type PricedOrder } from '../pricing/order-pricer.js';
import { TenantSettingsRepository } from '../pricing/tenant-settings-repository.js';
import { PromotionLedger } from '../promotions/promotion-ledger.js';
import { PromotionRepository } from '../promotions/promotion-repository.js';
import { canSeeOrder, orderNotFound } from './order-access.js';
import { listOrders, type OrderListArgs, type OrderPage } from './order-list.js';
import { OrderRepository } from './order-repository.js';
import {
  hashOrderRequest,
  normalizeOrderRequest,
  validateIdempotencyKey,
  type NormalizedOrderRequest,
  type OrderRequest,
} from './order-request.js';
import { applyStatusChange, versionConflict, type StatusChange, type StatusChangeWriters } from './order-status-change.js';
import type { Order } from './order.entity.js';

export type { OrderItemRequest, OrderRequest } from './order-request.js';

/**
 * Orders: placing (priced, idempotent), reading and moving them along their states. An order change, its promotion
 * claim or release and its outbox event share one transaction, opened through the order repository.
 */
export class OrderService {
  private readonly orders: OrderRepository;
  private readonly pricer: OrderPricer;
  private readonly ledger: PromotionLedger;
  private readonly outbox: OutboxRepository;
  private readonly writers: StatusChangeWriters;

  constructor(
    em: () => EntityManager,
    /** Told after each commit that wrote outbox rows (wakes the relay). */
    private readonly onOutboxWritten: () => void = () => undefined,
  ) {
    const promotions = new PromotionRepository(em);
    this.orders = new OrderRepository(em);
    this.pricer = new OrderPricer(new ProductRepository(em), new TenantSettingsRepository(em), promotions);
    this.ledger = new PromotionLedger(promotions);
    this.outbox = new OutboxRepository(em);
    this.writers = { orders: this.orders, ledger: this.ledger, outbox: this.outbox };
  }

  /** Prices a cart exactly as createOrder would (same code path), writing nothing. */
  async quote(principal: Principal, request: OrderRequest): Promise<PricedOrder> {
    return this.pricer.price(principal, normalizeOrderRequest(request), new Date());
  }

  /**
   * Idempotent by (tenant, key): the unique index decides, and a replay with the same payload (items and promo code)
   * returns the stored order while a different payload is refused. The order row is inserted before the promotion is
   * claimed, so a duplicate fails on the index and never consumes a promotion use. The key is looked up only once
   * placing failed (a replay fails on the index, or earlier when its cart no longer prices: a product gone, a
   * promotion used up): a new order, the usual case, costs no read for it.
   */
  async createOrder(principal: Principal, request: OrderRequest, idempotencyKey: string): Promise<Order> {
    validateIdempotencyKey(idempotencyKey);
    const normalized = normalizeOrderRequest(request);
    const requestHash = hashOrderRequest(normalized);

    let order: Order;
    try {
      order = await this.place(principal, normalized, idempotencyKey, requestHash);
    } catch (error) {
      const stored = await this.findByIdempotencyKey(principal, idempotencyKey, requestHash);
      if (stored) return stored;
      throw error;
    }
    this.onOutboxWritten();
    return order;
  }

  /** Prices the cart, then inserts the order, claims the promotion (if any) and writes ORDER_CREATED, atomically. */
  private async place(principal: Principal, request: NormalizedOrderRequest, idempotencyKey: string, requestHash: string): Promise<Order> {
    const now = new Date();
    const priced = await this.pricer.price(principal, request, now);
    const fields = {
      id: randomUUID(),
      tenantId: principal.tenantId,
      customerId: principal.userId,
      status: 'PENDING' as const,
      lines: priced.lines,
      subtotalCents: priced.subtotalCents,
      discountCents: priced.discountCents,
      taxCents: priced.taxCents,
      totalCents: priced.totalCents,
      currency: priced.currency,
      promoCode: priced.promotion?.code ?? null,
      idempotencyKey,
      requestHash,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const { promotion, subtotalCents } = priced;
    // Without a promotion to claim, the order and its event are one statement (the usual order: no transaction to hold).
    if (!promotion) return this.orders.insertWithEvent(fields, this.outbox.insertStatement(orderEventRow('ORDER_CREATED', fields)));
    return this.orders.transaction(async (tx) => {
      const created = await this.orders.insert(tx, fields); // a duplicate key fails here, before the promotion is touched
      await this.ledger.claim(tx, {
        promotion,
        tenantId: principal.tenantId,
        orderId: created.id,
        customerId: principal.userId,
        subtotalCents,
        now,
      });
      appendOrderEvent(this.outbox, tx, 'ORDER_CREATED', created);
      return created;
    });
  }

  /** See applyStatusChange for the checks; the ORDER_STATUS_CHANGED event commits with the change. */
  async updateOrderStatus(principal: Principal, change: StatusChange): Promise<Order> {
    if (!isUuid(change.id)) throw orderNotFound(change.id);
    let order: Order;
    try {
      order = await this.orders.transaction((tx) => applyStatusChange(this.writers, tx, principal, change));
    } catch (error) {
      if (error instanceof OptimisticLockError) throw versionConflict(change.expectedVersion);
      throw error;
    }
    this.onOutboxWritten();
    return order;
  }

  listOrders(principal: Principal, args: OrderListArgs): Promise<OrderPage> {
    return listOrders(this.orders, principal, args);
  }

  async getOrder(principal: Principal, id: string): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const order = await this.orders.findById(principal.tenantId, id);
    return order && canSeeOrder(principal, order) ? order : null;
  }

  async ordersByIds(principal: Principal, ids: readonly string[]): Promise<(Order | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.orders.findByIds(principal.tenantId, valid) : [];
    const byId = new Map(rows.filter((row) => canSeeOrder(principal, row)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async findByIdempotencyKey(principal: Principal, idempotencyKey: string, requestHash: string): Promise<Order | null> {
    const existing = await this.orders.findByIdempotencyKey(principal.tenantId, idempotencyKey);
    if (!existing) return null;
    if (existing.requestHash !== requestHash || existing.customerId !== principal.userId) {
      throw appError(
        'IDEMPOTENCY_KEY_REUSED',
        'This idempotency key was already used for a different order; use a new key for a new order',
      );
    }
    return existing;
  }
}
