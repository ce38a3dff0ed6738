import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import type { OrderEventView } from './order-event-stream.js';
import type { OrderStatus } from './order.entity.js';
import { CreateOrderInput, OrderConnectionType, OrderEventType, OrderLineType, OrderStatusEnum, OrderType } from './order.type.js';
import { ProductType } from '../catalog/product.type.js';

@Resolver(() => OrderType)
export class OrderResolver {
  @Query(() => OrderType, { nullable: true, description: "Customers see their own orders, staff the tenant's." })
  async order(@Ctx() context: OrdersContext, @Arg('id', () => ID) id: string): Promise<OrderType | null> {
    requirePrincipal(context);
    return context.orderById.load(id);
  }

  @Query(() => OrderConnectionType, { description: "Newest first. Customers see their own orders, staff and admins the tenant's." })
  async orders(
    @Ctx() context: OrdersContext,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('status', () => OrderStatusEnum, { nullable: true }) status?: OrderStatus | null,
  ): Promise<OrderConnectionType> {
    return context.orders.listOrders(requirePrincipal(context), { first, after, status });
  }

  @Mutation(() => OrderType, { description: 'Places an order. Retrying with the same idempotencyKey returns the same order.' })
  async createOrder(
    @Ctx() context: OrdersContext,
    @Arg('input', () => CreateOrderInput) input: CreateOrderInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): Promise<OrderType> {
    const principal = requirePrincipal(context);
    const order = await context.orders.createOrder(principal, input, idempotencyKey);
    context.log.info({ orderId: order.id }, 'order created');
    return order;
  }

  @Mutation(() => OrderType, {
    description:
      'Moves an order along PENDING -> CONFIRMED -> PREPARING -> READY -> COMPLETED, or to CANCELLED from PENDING or CONFIRMED. ' +
      "The order's customer confirms and may cancel; staff and admins run the kitchen states and may cancel. " +
      'Errors: ILLEGAL_STATUS_TRANSITION (extensions from, to), FORBIDDEN, VERSION_CONFLICT, NOT_FOUND.',
  })
  async updateOrderStatus(
    @Ctx() context: OrdersContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => OrderStatusEnum) status: OrderStatus,
    @Arg('expectedVersion', () => Int, {
      description: 'The version the caller last saw; a changed order is refused with VERSION_CONFLICT.',
    })
    expectedVersion: number,
  ): Promise<OrderType> {
    const principal = requirePrincipal(context);
    const order = await context.orders.updateOrderStatus(principal, { id, status, expectedVersion });
    context.log.info({ orderId: order.id, status: order.status, version: order.version }, 'order status changed');
    return order;
  }

  @Subscription(() => OrderEventType, {
    description:
      'Live events of the orders the caller may see; pass orderId to follow one order. A reconnecting client passes the eventId ' +
      'of the last event it saw as after: the events it missed come first, then live ones, none twice. ' +
      'Errors: RESUME_POINT_UNKNOWN (that event is no longer kept: refetch and subscribe without after), BAD_USER_INPUT.',
    subscribe: ({ args, context }) =>
      (context as OrdersContext).orderEvents.subscribe(requirePrincipal(context as OrdersContext), args.orderId, args.after),
  })
  orderEvents(
    @Root() event: OrderEventView,
    @Arg('orderId', () => ID, { nullable: true }) _orderId?: string | null,
    @Arg('after', () => ID, { nullable: true, description: 'eventId of the last event the client saw' }) _after?: string | null,
  ): OrderEventView {
    return event;
  }
}

@Resolver(() => OrderLineType)
export class OrderLineResolver {
  @FieldResolver(() => ProductType, { nullable: true })
  async product(@Root() line: OrderLineType, @Ctx() context: OrdersContext): Promise<ProductType | null> {
    return context.productById.load(line.productId);
  }
}
