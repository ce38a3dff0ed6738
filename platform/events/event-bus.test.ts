import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '../logger.js';
import { describeEventBusConformance } from './event-bus.conformance.js';
import { InProcessEventBus } from './in-process-event-bus.js';
import { RedisStreamsEventBus } from './redis-streams-event-bus.js';

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'event-bus-test' });
const redisUrl = process.env.REDIS_URL;

describeEventBusConformance('in-process', async () => new InProcessEventBus({ logger }));

// CI runs the suite once with REDIS_URL and once without.
describe.skipIf(!redisUrl)('with Redis', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await admin.quit();
  });

  describeEventBusConformance('redis streams', async () => new RedisStreamsEventBus({ redisUrl: redisUrl!, logger }), {
    removeStreams: async (streams) => {
      if (streams.length > 0) await admin.del(...streams);
    },
  });
});
