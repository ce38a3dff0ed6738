import type { EntityManager } from '@mikro-orm/sql';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { OrderActivityEntity, type OrderActivity } from './order-activity.entity.js';

/**
 * Timelines for the gateway's Order entity lookups: the caller's tenant only, and a customer's own orders only. Ownership
 * comes from the events themselves, never from the lookup's representation, which a direct caller could forge.
 */
export class OrderTimelineService {
  constructor(private readonly em: () => EntityManager) {}

  async timelines(principal: Principal, orderIds: readonly string[]): Promise<OrderActivity[][]> {
    const owner = hasRole(principal, 'staff', 'admin') ? {} : { customerId: principal.userId };
    const rows = await this.em().find(
      OrderActivityEntity,
      { tenantId: principal.tenantId, orderId: { $in: [...orderIds] }, ...owner },
      { orderBy: { occurredAt: 'asc', orderVersion: 'asc' } },
    );
    return orderIds.map((id) => rows.filter((row) => row.orderId === id));
  }
}
