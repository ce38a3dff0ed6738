import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Mirrors the orders subgraph's enum: composition requires the same values on both sides. */
export const OrderStatusEnum = {
  PENDING: 'PENDING',
  CONFIRMED: 'CONFIRMED',
  PREPARING: 'PREPARING',
  READY: 'READY',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(OrderStatusEnum, { name: 'OrderStatus' });

/** The orders subgraph owns Order; this subgraph adds the help articles that fit the order's current status. */
@ObjectType('Order')
@Directive('@key(fields: "id")')
export class OrderHelpType {
  @Field(() => ID) id!: string;
  @Field(() => OrderStatusEnum)
  @Directive('@external')
  status!: keyof typeof OrderStatusEnum;
}
