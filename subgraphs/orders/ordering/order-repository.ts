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
   * update ... where id = ? and version = ? (and version + 1): the entity's version property makes the UPDATE
   * conditional, so of two concurrent changes of one version exactly one applies; the other throws OptimisticLockError.
   */
  async changeStatus(tx: EntityManager, order: Order, status: OrderStatus): Promise<void> {
    order.status = status;
    order.updatedAt = new Date();
    await tx.flush();
  }
}
