import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

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
