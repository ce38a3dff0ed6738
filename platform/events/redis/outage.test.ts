import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { input, sleep, waitFor } from '../../../test/support/events/conformance-support.js';
import { CuttableTcpProxy } from '../../../test/support/cuttable-tcp-proxy.js';
import type { BusEvent, EventBus } from '../event-bus.js';
import { RedisStreamsEventBus } from './redis-streams-event-bus.js';

// Cuts the network between the bus and the shared Redis instead of stopping Redis, which other tests are using.
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'event-bus-test' });
const redisUrl = process.env.REDIS_URL;
const OUTAGE_MS = 1500;

/** What a producer that must not lose events does: retry until it gets an entry ID (duplicates are deduplicated later). */
async function publishWithRetry(bus: EventBus, stream: string, type: string, deadline: number): Promise<BusEvent> {
  for (;;) {
    try {
      return await bus.publish(stream, input(type));
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

describe.skipIf(!redisUrl)('RedisStreamsEventBus through a Redis outage', () => {
  let proxy: CuttableTcpProxy;
  let throughProxy: RedisStreamsEventBus;
  let direct: RedisStreamsEventBus;
  let stream: string;

  beforeEach(async () => {
    const target = new URL(redisUrl!);
    proxy = new CuttableTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const proxied = new URL(redisUrl!);
    proxied.port = String(await proxy.start());
    throughProxy = new RedisStreamsEventBus({ redisUrl: proxied.toString(), logger });
    direct = new RedisStreamsEventBus({ redisUrl: redisUrl!, logger });
    stream = `test-events-${randomUUID().slice(0, 8)}`;
  });

  afterEach(async () => {
    await proxy.restore().catch(() => undefined);
    await Promise.all([throughProxy.close(), direct.close()]);
    await proxy.close();
    const admin = new Redis(redisUrl!);
    await admin.del(stream, ...(await admin.keys(`${stream}:*`)));
    await admin.quit();
  });

  it('handles every event published before, during and after an outage, and its consumer loop survives', async () => {
    const handled = new Set<string>();
    let started = 0;
    await throughProxy.consume(
      stream,
      'outage',
      async (event) => {
        started += 1;
        // Slow enough that the outage begins with events fetched but not yet handled or acknowledged.
        await sleep(50);
        handled.add(event.eventId);
      },
      { redeliverAfterMs: 500 },
    );

    const before = await Promise.all([1, 2, 3].map(() => throughProxy.publish(stream, input('test.before'))));
    await waitFor(() => started >= 1, 'the first handler to start');
    await proxy.cut();

    // One producer still reaches Redis; the other shares the consumer's cut-off network and retries.
    const publishedDirectly = await Promise.all([1, 2, 3, 4, 5].map(() => direct.publish(stream, input('test.during.direct'))));
    const retrying = Promise.all(
      [1, 2, 3, 4, 5].map(() => publishWithRetry(throughProxy, stream, 'test.during.retried', Date.now() + 8000)),
    );
    await sleep(OUTAGE_MS);
    // The consumer really was cut off: nothing published during the outage got through to it.
    expect(publishedDirectly.some((event) => handled.has(event.eventId))).toBe(false);
    await proxy.restore();

    const during = [...publishedDirectly, ...(await retrying)];
    const expected = [...before, ...during].map((event) => event.eventId);
    await waitFor(() => expected.every((id) => handled.has(id)), 'every event published before and during the outage', 6000);

    const after = await throughProxy.publish(stream, input('test.after'));
    await waitFor(() => handled.has(after.eventId), 'an event published after recovery');
    expect(await throughProxy.countDeadLetters(stream, 'outage')).toBe(0);
  }, 20_000);
});
