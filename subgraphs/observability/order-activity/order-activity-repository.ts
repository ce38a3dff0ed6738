import type { SubgraphDatabase } from '../../../db/connection.js';
import { OrderActivityEntity, type OrderActivity } from './order-activity.entity.js';

export interface TimelineQuery {
  tenantId: string;
  orderIds: readonly string[];
  /** Only this customer's orders; omitted, all of the tenant's. */
  customerId?: string;
}

/** The order_activity table. Every read is scoped by tenant; every row carries its tenant. */
export class OrderActivityRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em'>) {}

  /** Stores one event unless its eventId is already stored (redeliveries are no-ops); true when stored. */
  async insertOnce(activity: OrderActivity): Promise<boolean> {
    const result = await this.database
      .em()
      .createQueryBuilder(OrderActivityEntity)
      .insert(activity)
      .onConflict('eventId')
      .ignore()
      .execute('run');
    return result.affectedRows > 0;
  }

  /** The events of these orders in commit order, in one query. */
  async findTimelines({ tenantId, orderIds, customerId }: TimelineQuery): Promise<OrderActivity[]> {
    const owner = customerId === undefined ? {} : { customerId };
    return this.database
      .em()
      .find(
        OrderActivityEntity,
        { tenantId, orderId: { $in: [...orderIds] }, ...owner },
        { orderBy: { occurredAt: 'asc', orderVersion: 'asc' } },
      );
  }
}
