import { z } from 'zod';
import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import {
  MESSAGE_RATED_EVENT_TYPE,
  MESSAGE_RATINGS_STREAM,
  messageRatedPayloadSchema,
} from '../../../platform/events/contracts/message-rated-event.js';
import type { MessageRatingRepository } from './message-rating-repository.js';

export const MESSAGE_RATINGS_GROUP = 'observability';

const envelopeSchema = z.object({
  eventId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(200),
  payload: messageRatedPayloadSchema,
});

/**
 * Stores one `message_rated_v1` event. Redeliveries and re-ratings are upserts keyed by (tenant, user, message) where the
 * later `ratedAt` wins; a malformed event is logged and acknowledged, database failures throw (the bus redelivers).
 */
export function messageRatingEventHandler(ratings: MessageRatingRepository, logger: Logger) {
  return async (event: BusEvent): Promise<void> => {
    if (event.type !== MESSAGE_RATED_EVENT_TYPE) return;
    const parsed = envelopeSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
      logger.warn({ eventId: event.eventId, tenantId: event.tenantId, problems }, 'dropping invalid message_rated_v1 event');
      return;
    }
    const { eventId, tenantId, payload } = parsed.data;
    const { messageId, userId, rating, reason, ratedAt } = payload;
    await ratings.upsertLatest({ tenantId, userId, messageId, rating, reason, ratedAt: new Date(ratedAt), eventId });
  };
}

export interface MessageRatingConsumerOptions {
  retry?: Pick<ConsumeOptions, 'maxAttempts' | 'retryBackoff'>;
  bus: EventBus;
  ratings: MessageRatingRepository;
  logger: Logger;
}

export function startMessageRatingConsumer({ bus, ratings, logger, retry }: MessageRatingConsumerOptions): Promise<ConsumerHandle> {
  return bus.consume(MESSAGE_RATINGS_STREAM, MESSAGE_RATINGS_GROUP, messageRatingEventHandler(ratings, logger), {
    startFrom: '0',
    ...retry,
  });
}
