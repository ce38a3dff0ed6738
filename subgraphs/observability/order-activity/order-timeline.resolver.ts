import DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, GraphQLISODateTime, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';
import type { OrderActivity } from './order-activity.entity.js';

@ObjectType('OrderActivity', { description: 'An order event as the platform delivered it.' })
export class OrderActivityType {
  @Field(() => ID) eventId!: string;
  @Field(() => String) type!: string;
  @Field(() => String, { description: 'The order status after this event.' }) status!: string;
  @Field(() => Int) orderVersion!: number;
  @Field(() => GraphQLISODateTime, { description: 'When the change committed.' }) occurredAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When this subgraph received it.' }) recordedAt!: Date;
}

/** The orders subgraph owns Order; this subgraph adds what happened to it, as delivered through the event bus. */
@ObjectType('Order')
@Directive('@key(fields: "id")')
export class OrderTimelineOwner {
  @Field(() => ID) id!: string;
}

@Resolver(() => OrderTimelineOwner)
export class OrderTimelineResolver {
  @FieldResolver(() => [OrderActivityType], { description: "The order's events in commit order, as recorded by the observability subgraph." })
  async timeline(@Root() order: OrderTimelineOwner, @Ctx() context: ObservabilityContext): Promise<OrderActivity[]> {
    requirePrincipal(context);
    return context.orderTimelines.load(order.id);
  }
}

export function orderTimelineLoader(load: (orderIds: readonly string[]) => Promise<OrderActivity[][]>): DataLoader<string, OrderActivity[]> {
  return new DataLoader(load);
}
