import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('DeadLetter', { description: 'An event a consumer group gave up on after its retries.' })
export class DeadLetterType {
  @Field(() => ID) id!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field(() => Int) attempts!: number;
  @Field(() => String) errorName!: string;
  @Field(() => String) errorMessage!: string;
  @Field(() => GraphQLISODateTime) diedAt!: Date;
  @Field(() => String, { description: 'The event payload as JSON.' }) payload!: string;
}

@ObjectType('DeadLetterPage')
export class DeadLetterPageType {
  @Field(() => [DeadLetterType]) letters!: DeadLetterType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
}
