import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import type { OrderEventView } from '../services/order-event-stream.js';
import { CreateOrderInput, OrderEventType, OrderLineType, OrderType } from './order.type.js';
import { ProductType } from './product.type.js';

@Resolver(() => OrderType)
export class OrderResolver {
  @Query(() => OrderType, { nullable: true, description: "Customers see their own orders, staff the tenant's." })
  async order(@Ctx() context: OrdersContext, @Arg('id', () => ID) id: string): Promise<OrderType | null> {
    requirePrincipal(context);
    return context.orderById.load(id);
  }

  @Mutation(() => OrderType, { description: 'Places an order. Retrying with the same idempotencyKey returns the same order.' })
  async createOrder(
    @Ctx() context: OrdersContext,
    @Arg('input', () => CreateOrderInput) input: CreateOrderInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): Promise<OrderType> {
    const principal = requirePrincipal(context);
    const order = await context.orders.createOrder(principal, input.items, idempotencyKey);
    context.log.info({ orderId: order.id }, 'order created');
    return order;
  }

  @Subscription(() => OrderEventType, {
    description: 'Live events of the orders the caller may see; pass orderId to follow one order.',
    subscribe: ({ args, context }) => (context as OrdersContext).orderEvents.subscribe(requirePrincipal(context as OrdersContext), args.orderId),
  })
  orderEvents(@Root() event: OrderEventView, @Arg('orderId', () => ID, { nullable: true }) _orderId?: string | null): OrderEventView {
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
