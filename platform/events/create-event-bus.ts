import type { Logger } from '../logger.js';
import type { EventBus } from './event-bus.js';
import { InProcessEventBus } from './in-process/in-process-event-bus.js';
import { withStreamPrefix } from './prefixed-event-bus.js';
import { RedisStreamsEventBus } from './redis/redis-streams-event-bus.js';
import { withTracing } from './traced-event-bus.js';

export interface CreateEventBusOptions {
  /** Set (REDIS_URL) for multi-process deployments; unset runs the embedded single-process bus. */
  redisUrl?: string;
  logger: Logger;
  /** Prepended to every stream name (EVENT_STREAM_PREFIX): deployments sharing a Redis stay apart. */
  streamPrefix?: string;
}

export function createEventBus({ redisUrl, logger, streamPrefix = '' }: CreateEventBusOptions): EventBus {
  const busLogger = logger.child({ component: 'event-bus' });
  const bus = redisUrl ? new RedisStreamsEventBus({ redisUrl, logger: busLogger }) : new InProcessEventBus({ logger: busLogger });
  return withTracing(withStreamPrefix(bus, streamPrefix));
}
