import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import type { OrderActivity } from './order-activity.entity.js';
import type { OrderActivityRepository } from './order-activity-repository.js';

/**
 * Timelines for the gateway's Order entity lookups: the caller's tenant only, and a customer's own orders only. Ownership
 * comes from the events themselves, never from the lookup's representation, which a direct caller could forge.
 */
export class OrderTimelineService {
  constructor(private readonly activity: OrderActivityRepository) {}

  async timelines(principal: Principal, orderIds: readonly string[]): Promise<OrderActivity[][]> {
    const customerId = hasRole(principal, 'staff', 'admin') ? undefined : principal.userId;
    const rows = await this.activity.findTimelines({ tenantId: principal.tenantId, orderIds, customerId });
    return orderIds.map((id) => rows.filter((row) => row.orderId === id));
  }
}
