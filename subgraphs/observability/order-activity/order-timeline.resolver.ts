import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';
import type { OrderActivity } from './order-activity.entity.js';
import { OrderActivityType, OrderTimelineOwner } from './order-timeline.type.js';

@Resolver(() => OrderTimelineOwner)
export class OrderTimelineResolver {
  @FieldResolver(() => [OrderActivityType], {
    description: "The order's events in commit order, as recorded by the observability subgraph.",
  })
  async timeline(@Root() order: OrderTimelineOwner, @Ctx() context: ObservabilityContext): Promise<OrderActivity[]> {
    requirePrincipal(context);
    return context.orderTimelines.load(order.id);
  }
}
