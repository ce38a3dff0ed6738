import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { ORDER_STATUSES, type OrderStatus } from '../entities/order.entity.js';
import { ProductType } from './product.type.js';

export const OrderStatusEnum = Object.fromEntries(ORDER_STATUSES.map((status) => [status, status])) as { [K in OrderStatus]: K };
registerEnumType(OrderStatusEnum, { name: 'OrderStatus', description: 'PENDING -> CONFIRMED -> PREPARING -> READY -> COMPLETED; CANCELLED from PENDING or CONFIRMED.' });

@ObjectType('OrderLine')
export class OrderLineType {
  @Field(() => ID) productId!: string;
  @Field(() => ProductType, { nullable: true, description: 'The product as it is now (null if it was deleted).' }) product?: ProductType | null;
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
  @Field(() => Int) subtotalCents!: number;
  @Field(() => Int) totalCents!: number;
  @Field(() => String) currency!: string;
  @Field(() => Int, { description: 'Increments on every change; used for optimistic concurrency.' }) version!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType('OrderEvent')
export class OrderEventType {
  @Field(() => ID, { description: 'Stable across redeliveries; deduplicate on it.' }) eventId!: string;
  @Field(() => String, { description: 'ORDER_CREATED, ORDER_STATUS_CHANGED, ...' }) type!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field(() => OrderType, { description: 'The order as of this event.' }) order!: OrderType;
}

@InputType('OrderItemInput')
export class OrderItemInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType('CreateOrderInput')
export class CreateOrderInput {
  @Field(() => [OrderItemInput]) items!: OrderItemInput[];
}
