import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { ORDER_STATUSES, type OrderStatus } from './order.entity.js';
import { PageInfoType, ProductType } from '../catalog/product.type.js';

export const OrderStatusEnum = Object.fromEntries(ORDER_STATUSES.map((status) => [status, status])) as { [K in OrderStatus]: K };
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  description: 'PENDING -> CONFIRMED -> PREPARING -> READY -> COMPLETED; CANCELLED from PENDING or CONFIRMED.',
});

@ObjectType('OrderLine')
export class OrderLineType {
  @Field(() => ID) productId!: string;
  @Field(() => ProductType, { nullable: true, description: 'The product as it is now (null if it was deleted).' })
  product?: ProductType | null;
  @Field(() => String, { description: 'Name when ordered.' }) name!: string;
  @Field(() => Int, { description: 'Unit price in cents when ordered.' }) unitPriceCents!: number;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true }) notes!: string | null;
}

@ObjectType('Order')
@Directive('@key(fields: "id")')
export class OrderType {
  @Field(() => ID) id!: string;
  @Field(() => OrderStatusEnum) status!: OrderStatus;
  @Field(() => ID) customerId!: string;
  @Field(() => [OrderLineType]) lines!: OrderLineType[];
  @Field(() => Int, { description: 'Sum of the lines, in cents.' }) subtotalCents!: number;
  @Field(() => Int, { description: 'Promotion discount in cents; never more than the subtotal.' }) discountCents!: number;
  @Field(() => Int, { description: "Tax in cents on (subtotal - discount) at the tenant's rate, rounded half-up once per order." })
  taxCents!: number;
  @Field(() => Int, { description: 'subtotal - discount + tax, in cents.' }) totalCents!: number;
  @Field(() => String) currency!: string;
  @Field(() => String, { nullable: true, description: 'The promotion code applied (upper-case), if any.' }) promoCode?: string | null;
  @Field(() => Int, { description: 'Increments on every change; used for optimistic concurrency.' }) version!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType('OrderEvent')
export class OrderEventType {
  @Field(() => ID, { description: 'Stable across redeliveries; deduplicate on it.' }) eventId!: string;
  @Field(() => String, { description: 'ORDER_CREATED, ORDER_STATUS_CHANGED, ...' }) type!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field(() => OrderStatusEnum, {
    nullable: true,
    description: 'For ORDER_STATUS_CHANGED: the status before the change (null for ORDER_CREATED).',
  })
  previousStatus!: OrderStatus | null;
  @Field(() => OrderType, { description: 'The order as of this event.' }) order!: OrderType;
}

@ObjectType('OrderEdge')
export class OrderEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => OrderType) node!: OrderType;
}

@ObjectType('OrderConnection')
export class OrderConnectionType {
  @Field(() => [OrderEdgeType]) edges!: OrderEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('OrderItemInput')
export class OrderItemInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType('CreateOrderInput', { description: 'A cart: what createOrder places and quote prices.' })
export class CreateOrderInput {
  @Field(() => [OrderItemInput]) items!: OrderItemInput[];
  @Field(() => String, { nullable: true, description: 'A promotion code of the tenant (case-insensitive).' }) promoCode?: string | null;
}
