import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '../logger.js';
import { describeRetryConformance } from '../../test/support/events/event-bus-retry.conformance.js';
import { describeEventBusConformance, type ConformanceOptions } from '../../test/support/events/event-bus.conformance.js';
import { InProcessEventBus } from './in-process/in-process-event-bus.js';
import { RedisStreamsEventBus } from './redis/redis-streams-event-bus.js';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'event-bus-test' });
const redisUrl = process.env.REDIS_URL;

const inProcess = async () => new InProcessEventBus({ logger });
describeEventBusConformance('in-process', inProcess);
describeRetryConformance('in-process', inProcess);

// CI runs the suite once with REDIS_URL and once without.
describe.skipIf(!redisUrl)('with Redis', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await admin.quit();
  });

  const redis = async () => new RedisStreamsEventBus({ redisUrl: redisUrl!, logger });
  const options: ConformanceOptions = {
    // The streams and what the bus keeps beside them (`<stream>:dead:<group>`, `<stream>:retry-at:<group>`).
    removeStreams: async (streams) => {
      for (const stream of streams) {
        const derived = await admin.keys(`${stream}:*`);
        await admin.del(stream, ...derived);
      }
    },
  };
  describeEventBusConformance('redis streams', redis, options);
  describeRetryConformance('redis streams', redis, options);
});
