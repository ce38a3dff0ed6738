import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { input, waitFor, WAIT_MS } from './conformance-support.js';
import type { BusEvent, EventBus } from '../../../platform/events/event-bus.js';

export interface ConformanceOptions {
  /** Deletes what a test left on the transport (Redis keys); called with every stream name the test used. */
  removeStreams?(streams: string[]): Promise<void>;
}

/** Redelivery delay used by the tests: short so the suite stays fast, long enough to tell a retry from a duplicate. */
const REDELIVER_MS = 150;

/** The next result, or `'timeout'` when nothing arrives in time (the pending `next()` is abandoned). */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function take(iterator: AsyncIterator<BusEvent>, count: number): Promise<BusEvent[]> {
  const events: BusEvent[] = [];
  while (events.length < count) {
    const result = await nextWithin(iterator, WAIT_MS);
    if (result === 'timeout') throw new Error(`timed out after ${events.length} of ${count} events`);
    if (result.done) throw new Error(`iterator ended after ${events.length} of ${count} events`);
    events.push(result.value);
  }
  return events;
}

/** Runs the EventBus contract against one transport; each test gets a fresh bus and fresh stream names. */
export function describeEventBusConformance(name: string, makeBus: () => Promise<EventBus>, options: ConformanceOptions = {}): void {
  describe(`EventBus conformance: ${name}`, () => {
    let bus: EventBus;
    let extraBuses: EventBus[];
    let streams: string[];

    const newStream = () => {
      const stream = `test-events-${randomUUID().slice(0, 8)}`;
      streams.push(stream);
      return stream;
    };
    const newGroup = () => `group-${randomUUID().slice(0, 8)}`;
    const anotherBus = async () => {
      const extra = await makeBus();
      extraBuses.push(extra);
      return extra;
    };
    const publishAll = async (stream: string, count: number, target = bus) => {
      const published: BusEvent[] = [];
      for (let i = 0; i < count; i += 1) published.push(await target.publish(stream, input('test.counted', { i })));
      return published;
    };

    beforeEach(async () => {
      bus = await makeBus();
      extraBuses = [];
      streams = [];
    });

    afterEach(async () => {
      await Promise.all([bus, ...extraBuses].map((b) => b.close()));
      await options.removeStreams?.(streams);
    });

    it('publish returns the event with id, eventId and occurredAt filled in', async () => {
      const stream = newStream();
      const event = await bus.publish(stream, input('order.created', { orderId: 'o-1', at: new Date(0) }));
      expect(event).toMatchObject({
        stream,
        type: 'order.created',
        tenantId: 'tenant-a',
        payload: { orderId: 'o-1', at: new Date(0).toISOString() },
      });
      expect(event.id).toEqual(expect.any(String));
      expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);

      const given = await bus.publish(stream, { ...input('order.created'), eventId: 'evt-1', occurredAt: '2026-01-02T03:04:05.000Z' });
      expect(given).toMatchObject({ eventId: 'evt-1', occurredAt: '2026-01-02T03:04:05.000Z' });
      expect(given.id).not.toBe(event.id);
    });

    it('live subscribers each receive every event in publish order', async () => {
      const stream = newStream();
      const first = bus.subscribe(stream);
      const second = bus.subscribe(stream);
      const published = await publishAll(stream, 5);
      const ids = published.map((event) => event.eventId);
      expect((await take(first, 5)).map((event) => event.eventId)).toEqual(ids);
      expect((await take(second, 5)).map((event) => event.eventId)).toEqual(ids);
      await expect(nextWithin(first, 100)).resolves.toBe('timeout');
    });

    it('does not replay events published before subscribing', async () => {
      const stream = newStream();
      await bus.publish(stream, input('test.before'));
      const early = bus.subscribe(stream);
      await bus.publish(stream, input('test.between'));
      expect((await take(early, 1))[0]!.type).toBe('test.between');

      // A subscriber joining a reader that is already running must not see what came before it either.
      const late = bus.subscribe(stream);
      await bus.publish(stream, input('test.after'));
      expect((await take(late, 1))[0]!.type).toBe('test.after');
      expect((await take(early, 1))[0]!.type).toBe('test.after');
    });

    it('replay gives a late reader every retained event, then live ones, without gap or duplicate, on any bus', async () => {
      const stream = newStream();
      // Buses in-process share nothing; Redis buses share the stream, as replicas do.
      const other = bus.kind === 'redis' ? await anotherBus() : bus;
      const before = await publishAll(stream, 3);
      const replay = other.replay(stream);
      const during = await publishAll(stream, 3);
      const seen = await take(replay, 6);
      expect(seen.map((event) => event.eventId)).toEqual([...before, ...during].map((event) => event.eventId));
      const after = await publishAll(stream, 2);
      expect((await take(replay, 2)).map((event) => event.eventId)).toEqual(after.map((event) => event.eventId));
      await expect(nextWithin(replay, 100)).resolves.toBe('timeout');
      await replay.return!();

      const resumed = other.replay(stream, { after: seen[3]!.id });
      expect((await take(resumed, 4)).map((event) => event.eventId)).toEqual([...during.slice(1), ...after].map((event) => event.eventId));
      await resumed.return!();
    });

    it('retained gives what the stream holds now, oldest first, at most the limit, without waiting', async () => {
      const stream = newStream();
      const other = bus.kind === 'redis' ? await anotherBus() : bus;
      expect(await other.retained(stream, 10)).toEqual([]);
      const published = await publishAll(stream, 3);
      expect((await other.retained(stream, 10)).map((event) => event.eventId)).toEqual(published.map((event) => event.eventId));
      expect((await other.retained(stream, 2)).map((event) => event.eventId)).toEqual(published.slice(0, 2).map((event) => event.eventId));
      expect((await other.retained(stream, 1))[0]).toMatchObject({ stream, type: published[0]!.type });
    });

    it('expire forgets a stream: a replay after it sees only what is published later', async () => {
      const stream = newStream();
      await publishAll(stream, 2);
      await bus.expire(stream, 50);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const replay = bus.replay(stream);
      const [fresh] = await publishAll(stream, 1);
      expect((await take(replay, 1))[0]!.eventId).toBe(fresh!.eventId);
      await replay.return!();
    });

    it('return() unsubscribes at once, also ending a pending next()', async () => {
      const stream = newStream();
      const subscription = bus.subscribe(stream);
      await bus.publish(stream, input('test.one'));
      await take(subscription, 1);

      const pending = subscription.next();
      await expect(subscription.return!()).resolves.toEqual({ value: undefined, done: true });
      await expect(pending).resolves.toEqual({ value: undefined, done: true });
      await bus.publish(stream, input('test.two'));
      await expect(nextWithin(subscription, 200)).resolves.toEqual({ value: undefined, done: true });
    });

    it('spreads a group over its consumers, handling each event exactly once', async () => {
      const stream = newStream();
      const group = newGroup();
      const handled: string[] = [];
      const handler = async (event: BusEvent) => void handled.push(event.eventId);
      await bus.consume(stream, group, handler, { consumer: 'one', redeliverAfterMs: REDELIVER_MS });
      await (await anotherBus()).consume(stream, group, handler, { consumer: 'two', redeliverAfterMs: REDELIVER_MS });

      const published = await publishAll(stream, 20);
      await waitFor(() => handled.length >= 20, '20 handled events');
      // Past a few redelivery periods: acknowledged events must not come back.
      await new Promise((resolve) => setTimeout(resolve, REDELIVER_MS * 3));
      expect([...handled].sort()).toEqual(published.map((event) => event.eventId).sort());
    });

    it('gives every group all events', async () => {
      const stream = newStream();
      const seen = { a: [] as string[], b: [] as string[] };
      await bus.consume(stream, newGroup(), async (event) => void seen.a.push(event.eventId));
      await bus.consume(stream, newGroup(), async (event) => void seen.b.push(event.eventId));
      const ids = (await publishAll(stream, 5)).map((event) => event.eventId);
      await waitFor(() => seen.a.length >= 5 && seen.b.length >= 5, 'both groups to handle 5 events');
      expect(seen.a).toEqual(ids);
      expect(seen.b).toEqual(ids);
    });

    it('redelivers an event whose handler threw, then acknowledges it', async () => {
      const stream = newStream();
      const deliveries: string[] = [];
      await bus.consume(
        stream,
        newGroup(),
        async (event) => {
          deliveries.push(event.eventId);
          if (deliveries.length === 1) throw new Error('transient failure');
        },
        { redeliverAfterMs: REDELIVER_MS },
      );
      const event = await bus.publish(stream, input('test.flaky'));
      await waitFor(() => deliveries.length >= 2, 'the redelivery');
      await new Promise((resolve) => setTimeout(resolve, REDELIVER_MS * 3));
      expect(deliveries).toEqual([event.eventId, event.eventId]);
    });

    it("startFrom '0' delivers events published before the group existed; the default '$' does not", async () => {
      const stream = newStream();
      const earlier = (await publishAll(stream, 3)).map((event) => event.eventId);
      const fromStart: string[] = [];
      const fromNow: string[] = [];
      await bus.consume(stream, newGroup(), async (event) => void fromStart.push(event.eventId), { startFrom: '0' });
      await bus.consume(stream, newGroup(), async (event) => void fromNow.push(event.eventId));
      const later = await bus.publish(stream, input('test.later'));
      await waitFor(() => fromStart.length >= 4 && fromNow.length >= 1, 'both groups to catch up');
      expect(fromStart).toEqual([...earlier, later.eventId]);
      expect(fromNow).toEqual([later.eventId]);
    });

    it('answers ping', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
    });

    it('stop() and close() end consumers promptly and end live subscriptions', async () => {
      const stream = newStream();
      const closing = await anotherBus();
      const handled: string[] = [];
      const stopped = await bus.consume(stream, newGroup(), async (event) => void handled.push(event.eventId));
      await closing.consume(stream, newGroup(), async (event) => void handled.push(event.eventId));
      const subscription = closing.subscribe(stream);
      const pending = subscription.next();

      const startedAt = Date.now();
      await Promise.all([stopped.stop(), closing.close()]);
      // Well under a blocking read's timeout: stopping must not wait for one to expire.
      expect(Date.now() - startedAt).toBeLessThan(500);
      await expect(pending).resolves.toEqual({ value: undefined, done: true });
      await expect(closing.publish(stream, input('test.refused'))).rejects.toThrow(/closed/);

      await bus.publish(stream, input('test.unheard'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(handled).toEqual([]);
    });
  });
}
