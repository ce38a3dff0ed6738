import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { OrderEntity, type Order, type OrderStatus } from './order.entity.js';

/** What a page of orders is cut from: the tenant's orders, optionally one customer's or one status, before a keyset position. */
export interface OrderPageFilter {
  tenantId: string;
  customerId?: string;
  status?: OrderStatus;
  before?: { createdAt: Date; id: string };
}

/**
 * The orders' data access; every statement is scoped by tenant. Methods taking `tx` run in the transaction a service
 * opened with `transaction`, which also carries the promotion claim and the outbox row of the same change.
 */
export class OrderRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.em().transactional(work);
  }

  findById(tenantId: string, id: string, em: EntityManager = this.em()): Promise<Order | null> {
    return em.findOne(OrderEntity, { id, tenantId });
  }

  /** `ids` must be UUIDs; rows in no particular order. */
  findByIds(tenantId: string, ids: string[]): Promise<Order[]> {
    return this.em().find(OrderEntity, { tenantId, id: { $in: ids } });
  }

  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Order | null> {
    return this.em().findOne(OrderEntity, { tenantId, idempotencyKey });
  }

  /** Newest first on (createdAt, id), at most `limit` rows. */
  findPage({ tenantId, customerId, status, before }: OrderPageFilter, limit: number): Promise<Order[]> {
    const where: Record<string, unknown> = { tenantId };
    if (customerId !== undefined) where.customerId = customerId;
    if (status) where.status = status;
    if (before) where.$or = [{ createdAt: { $lt: before.createdAt } }, { createdAt: before.createdAt, id: { $lt: before.id } }];
    return this.em().find(OrderEntity, where as never, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }

  /** Inserts the order now, so the (tenant, idempotency key) unique index refuses a duplicate before anything else. */
  async insert(tx: EntityManager, fields: RequiredEntityData<Order>): Promise<Order> {
    const order = tx.create(OrderEntity, fields);
    await tx.flush();
    return order;
  }

  /**
   * Inserts a new order and the statement of its event (`OutboxRepository.insertStatement`) as one statement: a
   * data-modifying WITH runs in full or not at all, so the pair commits together without BEGIN and COMMIT, one round
   * trip instead of four. A duplicate (tenant, idempotency key) fails it and writes neither row.
   */
  async insertWithEvent(fields: RequiredEntityData<Order>, event: { sql: string; params: unknown[] }): Promise<Order> {
    const em = this.em();
    const order = em.create(OrderEntity, fields, { managed: true });
    await em.execute(
      `with created as (
         insert into "${em.config.get('schema')}"."orders" (id, tenant_id, customer_id, status, lines, subtotal_cents, discount_cents,
           tax_cents, total_cents, promo_code, currency, idempotency_key, request_hash, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ) ${event.sql}`,
      [
        order.id,
        order.tenantId,
        order.customerId,
        order.status,
        JSON.stringify(order.lines),
        order.subtotalCents,
        order.discountCents,
        order.taxCents,
        order.totalCents,
        order.promoCode ?? null,
        order.currency,
        order.idempotencyKey,
        order.requestHash,
        order.version,
        order.createdAt.toISOString(),
        order.updatedAt.toISOString(),
        ...event.params,
      ],
      'run',
    );
    return order;
  }

  /**
   * update ... where id = ? and version = ? (and version + 1): the entity's version property makes the UPDATE
   * conditional, so of two concurrent changes of one version exactly one applies; the other throws OptimisticLockError.
   */
  async changeStatus(tx: EntityManager, order: Order, status: OrderStatus): Promise<void> {
    order.status = status;
    order.updatedAt = new Date();
    await tx.flush();
  }
}
