import { z } from 'zod';
import type { BusEvent, EventBus } from '../event-bus.js';

/** The stream users' ratings of assistant answers are reported on; the observability subgraph consumes it. */
export const MESSAGE_RATINGS_STREAM = 'message-ratings';
export const MESSAGE_RATED_EVENT_TYPE = 'MESSAGE_RATED';

export const MESSAGE_RATINGS = ['UP', 'DOWN'] as const;
export type MessageRatingValue = (typeof MESSAGE_RATINGS)[number];

const label = z.string().trim().min(1).max(200);

/**
 * message_rated_v1: a user's current rating of one assistant message (a re-rating publishes again; the latest
 * `ratedAt` wins). The tenant travels on the event, not in here.
 */
export const messageRatedPayloadSchema = z.object({
  schema: z.literal('message_rated_v1'),
  messageId: label,
  userId: label,
  rating: z.enum(MESSAGE_RATINGS),
  reason: z.string().max(500).nullable(),
  ratedAt: z.iso.datetime({ offset: true }),
});

export type MessageRatedPayload = z.infer<typeof messageRatedPayloadSchema>;
export type MessageRatedInput = Omit<MessageRatedPayload, 'schema'>;

/** Reports one rating; the payload is validated here, so a producer bug fails at the producer. */
export async function publishMessageRated(
  bus: EventBus,
  tenantId: string,
  input: MessageRatedInput,
): Promise<BusEvent<MessageRatedPayload>> {
  const payload = messageRatedPayloadSchema.parse({ ...input, schema: 'message_rated_v1' });
  return bus.publish(MESSAGE_RATINGS_STREAM, { type: MESSAGE_RATED_EVENT_TYPE, tenantId, payload, occurredAt: payload.ratedAt });
}
