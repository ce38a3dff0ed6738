import { appError, ErrorCode } from '../../../platform/errors.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import { publishMessageRated, type MessageRatingValue } from '../../../platform/events/contracts/message-rated-event.js';
import { messageNotFound } from '../conversations/assistant-errors.js';
import { OPEN_MESSAGE_STATUSES } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import type { MessageRating, MessageRatingRepository } from './message-rating-repository.js';

export const MAX_RATING_REASON_LENGTH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * rateMessage: a user's thumbs up or down on an answer of their own conversation. Stored here (the assistant owns
 * messages) and published as message_rated_v1, from which observability compares prompt variants. A failed publish
 * fails the mutation; rating again is harmless (an upsert here, the latest rating wins there).
 */
export class MessageRatingService {
  constructor(
    private readonly ratings: MessageRatingRepository,
    private readonly bus: EventBus,
  ) {}

  async rate(owner: Owner, messageId: string, rating: MessageRatingValue, reason?: string | null): Promise<MessageRating> {
    const trimmed = reason?.trim() || null;
    if (trimmed && trimmed.length > MAX_RATING_REASON_LENGTH) {
      throw appError(ErrorCode.BadUserInput, `reason must be at most ${MAX_RATING_REASON_LENGTH} characters`, { argumentName: 'reason' });
    }
    const message = UUID.test(messageId) ? await this.ratings.ownMessage(owner, messageId) : null;
    if (!message) throw messageNotFound(messageId);
    if (message.role !== 'ASSISTANT') {
      throw appError(ErrorCode.BadUserInput, 'only assistant answers can be rated', { argumentName: 'messageId' });
    }
    if (OPEN_MESSAGE_STATUSES.includes(message.status)) {
      throw appError(ErrorCode.BadUserInput, 'the answer is still being written; rate it once it is finished', {
        argumentName: 'messageId',
      });
    }
    const stored: MessageRating = { messageId, rating, reason: trimmed, ratedAt: new Date() };
    await this.ratings.upsert(owner, stored);
    await publishMessageRated(this.bus, owner.tenantId, { ...stored, userId: owner.userId, ratedAt: stored.ratedAt.toISOString() });
    return stored;
  }
}
