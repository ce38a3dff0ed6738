import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { MessageRatingValue } from '../../../platform/events/contracts/message-rated-event.js';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { AssistantContext } from '../context.js';
import { ownerOf } from '../conversations/owner.js';
import { MessageRatingType, ThumbsEnum } from './message-rating.type.js';

@Resolver(() => MessageRatingType)
export class MessageRatingResolver {
  @Mutation(() => MessageRatingType, {
    description: 'Rates an answer of one of your conversations; rating it again replaces your earlier rating. NOT_FOUND for anyone else’s.',
  })
  async rateMessage(
    @Ctx() context: AssistantContext,
    @Arg('messageId', () => ID) messageId: string,
    @Arg('rating', () => ThumbsEnum) rating: MessageRatingValue,
    @Arg('reason', () => String, { nullable: true, description: 'Optional, at most 500 characters.' }) reason?: string | null,
  ): Promise<MessageRatingType> {
    const stored = await context.ratings.rate(ownerOf(requirePrincipal(context)), messageId, rating, reason);
    context.log.info({ messageId, rating }, 'message rated');
    return stored;
  }
}
