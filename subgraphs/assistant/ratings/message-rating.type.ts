import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MESSAGE_RATINGS, type MessageRatingValue } from '../../../platform/events/contracts/message-rated-event.js';

export const ThumbsEnum = Object.fromEntries(MESSAGE_RATINGS.map((r) => [r, r])) as { [K in MessageRatingValue]: K };
registerEnumType(ThumbsEnum, { name: 'Thumbs', description: 'A rating of an assistant answer.' });

@ObjectType('MessageRating', { description: "The caller's rating of one assistant answer (one per user and message)." })
export class MessageRatingType {
  @Field(() => ID) messageId!: string;
  @Field(() => ThumbsEnum) rating!: MessageRatingValue;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => GraphQLISODateTime) ratedAt!: Date;
}
