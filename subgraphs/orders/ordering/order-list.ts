import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Order, OrderStatus } from './order.entity.js';
import type { OrderPageFilter, OrderRepository } from './order-repository.js';
import { isUuid } from '../../../platform/is-uuid.js';
import { clampPageSize, decodeCursor, encodeCursor } from '../../../platform/pagination-cursor.js';

export interface OrderPage {
  edges: { cursor: string; node: Order }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface OrderListArgs {
  first?: number | null;
  after?: string | null;
  status?: OrderStatus | null;
}

/**
 * Newest first, keyset-paginated on (createdAt, id): customers get their own orders, staff and admins the tenant's.
 * createdAt is set by createOrder with millisecond precision, which the cursor carries exactly.
 */
export async function listOrders(
  orders: OrderRepository,
  principal: Principal,
  { first, after, status }: OrderListArgs,
): Promise<OrderPage> {
  const limit = clampPageSize(first);
  const filter: OrderPageFilter = { tenantId: principal.tenantId };
  if (!hasRole(principal, 'staff', 'admin')) filter.customerId = principal.userId;
  if (status) filter.status = status;
  if (after) filter.before = parseCursor(after);
  const rows = await orders.findPage(filter, limit + 1);
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor([node.createdAt.toISOString(), node.id]), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  const createdAt = new Date(typeof at === 'string' ? at : Number.NaN);
  if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw appError(ErrorCode.BadUserInput, 'Invalid cursor: pass an endCursor returned by a previous page', { argumentName: 'after' });
  }
  return { createdAt, id };
}
