import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Order, OrderStatus } from './order.entity.js';

/** The legal moves: PENDING -> CONFIRMED -> PREPARING -> READY -> COMPLETED, and CANCELLED from PENDING or CONFIRMED. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['PREPARING', 'CANCELLED'],
  PREPARING: ['READY'],
  READY: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

type Actor = 'owner' | 'kitchen';

/** Who may move an order into each status: its customer confirms or cancels; staff and admins run the kitchen and may cancel. */
const ALLOWED_ACTORS: Readonly<Record<OrderStatus, readonly Actor[]>> = {
  PENDING: [],
  CONFIRMED: ['owner'],
  PREPARING: ['kitchen'],
  READY: ['kitchen'],
  COMPLETED: ['kitchen'],
  CANCELLED: ['owner', 'kitchen'],
};

export function isLegalTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function actorsOf(principal: Principal, order: Pick<Order, 'tenantId' | 'customerId'>): Actor[] {
  if (principal.tenantId !== order.tenantId) return [];
  const actors: Actor[] = [];
  if (order.customerId === principal.userId) actors.push('owner');
  if (hasRole(principal, 'staff', 'admin')) actors.push('kitchen');
  return actors;
}

/** FORBIDDEN when the caller may never move this order into `to`, whatever its current status. */
export function assertMayMoveTo(principal: Principal, order: Pick<Order, 'tenantId' | 'customerId'>, to: OrderStatus): void {
  const actors = actorsOf(principal, order);
  if (!ALLOWED_ACTORS[to].some((actor) => actors.includes(actor))) {
    const who = ALLOWED_ACTORS[to].map((actor) => (actor === 'owner' ? "the order's customer" : 'staff or admins')).join(' or ');
    throw appError(
      ErrorCode.Forbidden,
      who ? `Forbidden: only ${who} may set an order to ${to}` : `Forbidden: no one may set an order to ${to}`,
      { to },
    );
  }
}

export function assertLegalTransition(from: OrderStatus, to: OrderStatus): void {
  if (!isLegalTransition(from, to)) {
    const next = ORDER_TRANSITIONS[from];
    throw appError(
      'ILLEGAL_STATUS_TRANSITION',
      `An order cannot go from ${from} to ${to}${next.length ? ` (allowed: ${next.join(', ')})` : ` (${from} is final)`}`,
      { from, to },
    );
  }
}
