import type { Logger } from '../logger.js';
import type { EventBus } from './event-bus.js';
import { InProcessEventBus } from './in-process-event-bus.js';
import { RedisStreamsEventBus } from './redis-streams-event-bus.js';

export interface CreateEventBusOptions {
  /** Set (REDIS_URL) for multi-process deployments; unset runs the embedded single-process bus. */
  redisUrl?: string;
  logger: Logger;
}

export function createEventBus({ redisUrl, logger }: CreateEventBusOptions): EventBus {
  const busLogger = logger.child({ component: 'event-bus' });
  return redisUrl ? new RedisStreamsEventBus({ redisUrl, logger: busLogger }) : new InProcessEventBus({ logger: busLogger });
}
