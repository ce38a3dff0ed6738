import { registerEnumType } from 'type-graphql';
import { LLM_USAGE_GROUP } from '../llm-usage/llm-usage-consumer.js';
import { LLM_USAGE_STREAM } from '../../../platform/events/contracts/llm-call-event.js';
import { ORDER_EVENTS_STREAM } from '../../../platform/events/contracts/order-events.js';
import { ORDER_ACTIVITY_GROUP } from '../order-activity/order-activity-consumer.js';
import { MESSAGE_RATINGS_STREAM } from '../../../platform/events/contracts/message-rated-event.js';
import { MESSAGE_RATINGS_GROUP } from '../prompt-experiments/message-rating-consumer.js';
import { OPERATION_TIMINGS_STREAM } from '../../../platform/events/contracts/operation-timing-event.js';
import { OPERATION_TIMINGS_GROUP } from '../operation-timings/operation-timing-consumer.js';

/** The consumer groups this subgraph runs; admins address their dead letters by these names, never by raw stream keys. */
export const EventConsumer = {
  ORDER_ACTIVITY: 'ORDER_ACTIVITY',
  LLM_USAGE: 'LLM_USAGE',
  MESSAGE_RATINGS: 'MESSAGE_RATINGS',
  OPERATION_TIMINGS: 'OPERATION_TIMINGS',
} as const;
export type EventConsumer = keyof typeof EventConsumer;
registerEnumType(EventConsumer, {
  name: 'EventConsumer',
  description: 'A consumer group whose failed events can be inspected and reprocessed.',
});

export const CONSUMER_GROUPS: Record<EventConsumer, { stream: string; group: string }> = {
  ORDER_ACTIVITY: { stream: ORDER_EVENTS_STREAM, group: ORDER_ACTIVITY_GROUP },
  LLM_USAGE: { stream: LLM_USAGE_STREAM, group: LLM_USAGE_GROUP },
  MESSAGE_RATINGS: { stream: MESSAGE_RATINGS_STREAM, group: MESSAGE_RATINGS_GROUP },
  OPERATION_TIMINGS: { stream: OPERATION_TIMINGS_STREAM, group: OPERATION_TIMINGS_GROUP },
};
