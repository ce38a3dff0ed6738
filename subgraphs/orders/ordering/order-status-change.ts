import type { EntityManager } from '@mikro-orm/sql';
import type { Principal } from '../../../platform/auth/principal.js';
import { appError } from '../../../platform/errors.js';
import type { Order, OrderStatus } from './order.entity.js';
import { appendOrderEvent } from '../outbox/append-order-event.js';
import type { OutboxRepository } from '../outbox/outbox-repository.js';
import type { PromotionLedger } from '../promotions/promotion-ledger.js';
import { canSeeOrder, orderNotFound } from './order-access.js';
import type { OrderRepository } from './order-repository.js';
import { assertLegalTransition, assertMayMoveTo } from './order-transitions.js';

export interface StatusChange {
  id: string;
  status: OrderStatus;
  /** The version the caller last saw; the change only applies to exactly that version. */
  expectedVersion: number;
}

/** The repositories a status change writes through, all inside the change's transaction. */
export interface StatusChangeWriters {
  orders: OrderRepository;
  ledger: PromotionLedger;
  outbox: OutboxRepository;
}

export function versionConflict(expectedVersion: number, current?: Pick<Order, 'version' | 'status'>) {
  const now = current ? ` (it is at version ${current.version}, ${current.status})` : '';
  return appError('VERSION_CONFLICT', `The order changed since version ${expectedVersion}${now}; reload it and retry`, {
    expectedVersion,
    ...(current ? { currentVersion: current.version, currentStatus: current.status } : {}),
  });
}

/**
 * Moves an order to a new status inside `tx`. Checks in this order: visible (else NOT_FOUND), allowed for the caller
 * (FORBIDDEN), still at expectedVersion (VERSION_CONFLICT), a legal move (ILLEGAL_STATUS_TRANSITION). The UPDATE is
 * conditional on the version (the entity's version property), so of two concurrent changes of one version exactly one
 * applies; the loser's flush throws OptimisticLockError. A cancellation gives the promotion's use back, and the event
 * goes to the outbox in the same transaction.
 */
export async function applyStatusChange(
  writers: StatusChangeWriters,
  tx: EntityManager,
  principal: Principal,
  change: StatusChange,
): Promise<Order> {
  const { orders, ledger, outbox } = writers;
  const order = await orders.findById(principal.tenantId, change.id, tx);
  if (!order || !canSeeOrder(principal, order)) throw orderNotFound(change.id);
  assertMayMoveTo(principal, order, change.status);
  if (order.version !== change.expectedVersion) throw versionConflict(change.expectedVersion, order);
  assertLegalTransition(order.status, change.status);

  const previousStatus = order.status;
  await orders.changeStatus(tx, order, change.status);
  if (change.status === 'CANCELLED' && order.promoCode) await ledger.release(tx, order.tenantId, order.id);
  appendOrderEvent(outbox, tx, 'ORDER_STATUS_CHANGED', order, previousStatus);
  return order;
}
