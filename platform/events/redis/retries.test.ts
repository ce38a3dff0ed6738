import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { input, sleep, waitFor } from '../../../test/support/events/conformance-support.js';
import type { BusEvent } from '../event-bus.js';
import { RedisStreamsEventBus } from './redis-streams-event-bus.js';

// How retries and dead letters sit in Redis; the behaviour both transports share is in event-bus-retry.conformance.ts.
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'event-bus-test' });
const redisUrl = process.env.REDIS_URL;

type PendingRow = [id: string, consumer: string, idleMs: number, deliveries: number];

describe.skipIf(!redisUrl)('RedisStreamsEventBus retries', () => {
  let admin: Redis;
  let buses: RedisStreamsEventBus[];
  let stream: string;
  const group = 'retries';

  const newBus = () => {
    const bus = new RedisStreamsEventBus({ redisUrl: redisUrl!, logger });
    buses.push(bus);
    return bus;
  };
  const pending = async () => (await admin.xpending(stream, group, '-', '+', 100)) as PendingRow[];

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await admin.quit();
  });
  beforeEach(() => {
    buses = [];
    stream = `test-events-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await admin.del(stream, ...(await admin.keys(`${stream}:*`)));
  });

  it('keeps a backoff longer than redeliverAfterMs, across consumers and a consumer that went away', async () => {
    const deliveries: { consumer: string; at: number }[] = [];
    let failedAt = 0;
    const options = { redeliverAfterMs: 100, retryBackoff: { baseMs: 800, maxMs: 800 } };
    const first = await newBus().consume(
      stream,
      group,
      async () => {
        deliveries.push({ consumer: 'first', at: Date.now() });
        failedAt = Date.now();
        throw new Error('try again later');
      },
      { ...options, consumer: 'first' },
    );
    await newBus().consume(stream, group, async () => void deliveries.push({ consumer: 'second', at: Date.now() }), {
      ...options,
      consumer: 'second',
    });
    await newBus().publish(stream, input('test.flaky'));
    await waitFor(() => failedAt > 0, 'the failure');
    // The failing consumer leaves; the other one polls every 50 ms and must still wait out the 800 ms.
    await first.stop();
    await sleep(300);
    // Looking at an entry that is not due yet does not count as a delivery.
    expect((await pending()).map((row) => row[3])).toEqual([1]);
    await waitFor(() => deliveries.length === 2, 'the retry');
    expect(deliveries[1]!.consumer).toBe('second');
    expect(deliveries[1]!.at - failedAt).toBeGreaterThanOrEqual(800);
    await waitFor(async () => (await pending()).length === 0, 'the acknowledgement');
    expect(await admin.zcard(`${stream}:retry-at:${group}`)).toBe(0);
  });

  it('dead-letters an entry its consumers kept dying on, without calling the handler again', async () => {
    const bus = newBus();
    await admin.xgroup('CREATE', stream, group, '$', 'MKSTREAM');
    const event = await bus.publish(stream, input('test.crashes-its-consumer'));
    // Three deliveries to consumers that never came back.
    await admin.xreadgroup('GROUP', group, 'crashed', 'COUNT', 1, 'STREAMS', stream, '>');
    await admin.xclaim(stream, group, 'crashed', 0, event.id, 'RETRYCOUNT', 3, 'JUSTID');
    const handled: BusEvent[] = [];
    await bus.consume(stream, group, async (e) => void handled.push(e), { maxAttempts: 3, redeliverAfterMs: 100 });
    await waitFor(async () => (await bus.countDeadLetters(stream, group)) === 1, 'the dead letter');
    const [letter] = await bus.listDeadLetters(stream, group, { limit: 1 });
    expect(letter).toMatchObject({ event: { eventId: event.eventId }, attempts: 3, error: { name: 'DeliveriesExhausted' } });
    expect(handled).toEqual([]);
    expect(await pending()).toEqual([]);
  });

  it('writes dead letters to <stream>:dead:<group> with the event, the attempts and the error', async () => {
    const bus = newBus();
    await bus.consume(
      stream,
      group,
      async () => {
        throw new RangeError('quantity out of range');
      },
      { maxAttempts: 2, retryBackoff: { baseMs: 10, maxMs: 20 } },
    );
    const event = await bus.publish(stream, {
      type: 'test.poison',
      tenantId: 'tenant-b',
      payload: { quantity: -1 },
      eventId: 'evt-poison',
    });
    await waitFor(async () => (await admin.xlen(`${stream}:dead:${group}`)) === 1, 'the dead-letter entry');
    const [[, fields]] = (await admin.xrange(`${stream}:dead:${group}`, '-', '+')) as [string, string[]][];
    const stored = Object.fromEntries(fields!.flatMap((_, i) => (i % 2 === 0 ? [[fields![i], fields![i + 1]]] : [])));
    expect(stored).toEqual({
      eventId: 'evt-poison',
      type: 'test.poison',
      tenantId: 'tenant-b',
      occurredAt: event.occurredAt,
      payload: '{"quantity":-1}',
      sourceId: event.id,
      group,
      attempts: '2',
      errorName: 'RangeError',
      errorMessage: 'quantity out of range',
      diedAt: expect.any(String),
    });
    expect(await pending()).toEqual([]);
  });

  it('hands entries it fetched but did not reach back on stop, without counting that as an attempt', async () => {
    const bus = newBus();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Published first, so one XREADGROUP fetches all three while the handler is stuck on the first.
    const published = [
      await bus.publish(stream, input('test.a')),
      await bus.publish(stream, input('test.b')),
      await bus.publish(stream, input('test.c')),
    ];
    const consumer = await bus.consume(stream, group, () => gate, { redeliverAfterMs: 5000, startFrom: '0' });
    try {
      await waitFor(async () => (await pending()).length === 3, 'the batch to be fetched');
    } finally {
      const stopping = consumer.stop();
      release();
      await stopping;
    }
    const rows = await pending();
    expect(rows.map((row) => row[0])).toEqual(published.slice(1).map((event) => event.id));
    expect(rows.map((row) => row[3])).toEqual([0, 0]);
    // Idle as long as the takeover delay already, so the next consumer claims them at once.
    for (const row of rows) expect(row[2]).toBeGreaterThanOrEqual(5000);
  });

  it('estimates lag when Redis cannot, after entries were deleted', async () => {
    const bus = newBus();
    await admin.xgroup('CREATE', stream, group, '$', 'MKSTREAM');
    const published = [];
    for (let i = 0; i < 5; i += 1) published.push(await bus.publish(stream, input('test.n', i)));
    await admin.xdel(stream, published[2]!.id);
    await expect(bus.groupLag(stream, group)).resolves.toBe(4);
  });
});
