import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Order } from './order.entity.js';

/** Customers see their own orders; staff and admins see the tenant's. Anything else looks missing. */
export function canSeeOrder(principal: Principal, order: Pick<Order, 'tenantId' | 'customerId'>): boolean {
  return order.tenantId === principal.tenantId && (order.customerId === principal.userId || hasRole(principal, 'staff', 'admin'));
}

/** The same answer for "another tenant's", "someone else's" and "no such order". */
export function orderNotFound(id: string) {
  return appError(ErrorCode.NotFound, `Order ${id} not found`, { orderId: id });
}
