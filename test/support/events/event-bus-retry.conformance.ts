import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { input, metricValue, sleep, waitFor } from './conformance-support.js';
import type { ConformanceOptions } from './event-bus.conformance.js';
import type { BusEvent, ConsumeOptions, EventBus } from '../../../platform/events/event-bus.js';

/** Small enough for a fast suite, large enough that timer and network jitter cannot pass for a backoff. */
const BASE_MS = 50;
const FAST_RETRIES: ConsumeOptions = { retryBackoff: { baseMs: BASE_MS, maxMs: 400 } };
/** Longer than any retry in this suite: a delivery that has not shown up by then is not coming. */
const SETTLE_MS = 500;

class PoisonError extends Error {
  override name = 'PoisonError';
}

/** Retries, dead letters and lag, against one transport; each test gets a fresh bus and fresh stream names. */
export function describeRetryConformance(name: string, makeBus: () => Promise<EventBus>, options: ConformanceOptions = {}): void {
  describe(`EventBus retries and dead letters: ${name}`, () => {
    let bus: EventBus;
    let stream: string;
    let group: string;
    /** Deliveries per eventId, in order, with the time each started. */
    let deliveries: Map<string, number[]>;
    /** Event types the handler refuses; tests "fix the handler" by removing them. */
    let poisonTypes: Set<string>;

    const handler = async (event: BusEvent) => {
      deliveries.set(event.eventId, [...(deliveries.get(event.eventId) ?? []), Date.now()]);
      if (poisonTypes.has(event.type)) throw new PoisonError(`cannot handle ${event.type}`);
    };
    const deliveryCount = (eventId: string) => deliveries.get(eventId)?.length ?? 0;
    const consume = (extra: ConsumeOptions = {}) => bus.consume(stream, group, handler, { ...FAST_RETRIES, ...extra });
    const publish = (type: string, payload: unknown = {}) => bus.publish(stream, input(type, payload));
    const deadLetterCountIs = (count: number) => async () => (await bus.countDeadLetters(stream, group)) === count;

    beforeEach(async () => {
      bus = await makeBus();
      stream = `test-events-${randomUUID().slice(0, 8)}`;
      group = `group-${randomUUID().slice(0, 8)}`;
      deliveries = new Map();
      poisonTypes = new Set(['test.poison']);
    });

    afterEach(async () => {
      await bus.close();
      await options.removeStreams?.([stream]);
    });

    it('retries a failing handler after growing backoffs of at least baseMs, then acknowledges', async () => {
      let failuresLeft = 2;
      await bus.consume(
        stream,
        group,
        async (event) => {
          await handler(event);
          if (failuresLeft-- > 0) throw new Error('transient');
        },
        FAST_RETRIES,
      );
      const event = await publish('test.flaky');
      await waitFor(() => deliveryCount(event.eventId) >= 3, 'the third delivery');
      await sleep(SETTLE_MS);
      const times = deliveries.get(event.eventId)!;
      expect(times).toHaveLength(3);
      const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
      // Attempt n waits at least baseMs·2^(n-1): the second wait is at least twice the base.
      expect(gaps[0]).toBeGreaterThanOrEqual(BASE_MS);
      expect(gaps[1]).toBeGreaterThanOrEqual(2 * BASE_MS);
      expect(await bus.countDeadLetters(stream, group)).toBe(0);
    });

    it('dead-letters a poison event after exactly maxAttempts deliveries, with its error, and keeps going', async () => {
      await consume({ maxAttempts: 3 });
      const startedAt = new Date().toISOString();
      const poison = await publish('test.poison', { orderId: 'o-1' });
      const healthy = await publish('test.healthy');
      await waitFor(deadLetterCountIs(1), 'the dead letter');
      await waitFor(() => deliveryCount(healthy.eventId) === 1, 'the next event');
      await sleep(SETTLE_MS);
      expect(deliveryCount(poison.eventId)).toBe(3);

      const letters = await bus.listDeadLetters(stream, group, { limit: 10 });
      expect(letters).toEqual([
        {
          id: expect.any(String),
          event: poison,
          group,
          attempts: 3,
          error: { name: 'PoisonError', message: 'cannot handle test.poison' },
          diedAt: expect.any(String),
        },
      ]);
      expect(new Date(letters[0]!.diedAt).toISOString()).toBe(letters[0]!.diedAt);
      expect(letters[0]!.diedAt >= startedAt).toBe(true);
    });

    it('reprocesses one dead letter: the group handles the original event again and the letter is gone', async () => {
      await consume({ maxAttempts: 1 });
      const poison = await publish('test.poison', { n: 1 });
      await waitFor(deadLetterCountIs(1), 'the dead letter');
      const [letter] = await bus.listDeadLetters(stream, group, { limit: 10 });

      poisonTypes.clear();
      const handled: BusEvent[] = [];
      const watcher = await bus.consume(stream, `${group}-watcher`, async (event) => void handled.push(event));
      await expect(bus.reprocessDeadLetter(stream, group, letter!.id)).resolves.toBe(true);
      await waitFor(() => deliveryCount(poison.eventId) === 2, 'the reprocessed event');
      expect(await bus.countDeadLetters(stream, group)).toBe(0);
      await expect(bus.reprocessDeadLetter(stream, group, letter!.id)).resolves.toBe(false);

      // Same event, new position in the stream: other groups see it too, so they must deduplicate on eventId.
      await waitFor(() => handled.length === 1, 'the other group to see the reprocessed event');
      const { id, ...original } = poison;
      expect(handled[0]).toEqual({ ...original, id: expect.any(String) });
      expect(handled[0]!.id).not.toBe(id);
      await watcher.stop();
    });

    it('reprocesses all dead letters present when called, even those that die again', async () => {
      await consume({ maxAttempts: 1 });
      const poisons = [await publish('test.poison'), await publish('test.poison'), await publish('test.poison')];
      await waitFor(deadLetterCountIs(3), 'three dead letters');

      // Still broken: each one dies again once, and the call does not chase its own new dead letters.
      await expect(bus.reprocessAllDeadLetters(stream, group)).resolves.toBe(3);
      await waitFor(() => poisons.every((event) => deliveryCount(event.eventId) === 2), 'the second round');
      await waitFor(deadLetterCountIs(3), 'three dead letters again');

      poisonTypes.clear();
      await expect(bus.reprocessAllDeadLetters(stream, group)).resolves.toBe(3);
      await waitFor(() => poisons.every((event) => deliveryCount(event.eventId) === 3), 'the fixed round');
      await sleep(SETTLE_MS);
      expect(await bus.countDeadLetters(stream, group)).toBe(0);
      await expect(bus.reprocessAllDeadLetters(stream, group)).resolves.toBe(0);
    });

    it('lists dead letters oldest first in pages, and discards one or all', async () => {
      await consume({ maxAttempts: 1 });
      const poisons = [await publish('test.poison', 1), await publish('test.poison', 2), await publish('test.poison', 3)];
      await waitFor(deadLetterCountIs(3), 'three dead letters');

      const firstPage = await bus.listDeadLetters(stream, group, { limit: 2 });
      const secondPage = await bus.listDeadLetters(stream, group, { limit: 2, after: firstPage[1]!.id });
      expect([...firstPage, ...secondPage].map((letter) => letter.event.eventId)).toEqual(poisons.map((event) => event.eventId));
      expect(secondPage).toHaveLength(1);

      await expect(bus.discardDeadLetter(stream, group, firstPage[0]!.id)).resolves.toBe(true);
      await expect(bus.discardDeadLetter(stream, group, firstPage[0]!.id)).resolves.toBe(false);
      expect(await bus.countDeadLetters(stream, group)).toBe(2);
      await expect(bus.discardAllDeadLetters(stream, group)).resolves.toBe(2);
      expect(await bus.countDeadLetters(stream, group)).toBe(0);
      expect(await bus.listDeadLetters(stream, group, { limit: 10 })).toEqual([]);
      await expect(bus.discardAllDeadLetters(stream, group)).resolves.toBe(0);
      // Discarded means gone: nothing is handled again.
      await sleep(SETTLE_MS);
      expect(poisons.map((event) => deliveryCount(event.eventId))).toEqual([1, 1, 1]);
    });

    it('answers admin calls about unknown streams and groups with nothing', async () => {
      expect(await bus.listDeadLetters(stream, group, { limit: 10 })).toEqual([]);
      expect(await bus.countDeadLetters(stream, group)).toBe(0);
      expect(await bus.reprocessDeadLetter(stream, group, '1-0')).toBe(false);
      expect(await bus.reprocessDeadLetter(stream, group, 'not-an-id')).toBe(false);
      expect(await bus.discardDeadLetter(stream, group, '1-0')).toBe(false);
      expect(await bus.reprocessAllDeadLetters(stream, group)).toBe(0);
      expect(await bus.discardAllDeadLetters(stream, group)).toBe(0);
      expect(await bus.groupLag(stream, group)).toBe(0);
      await expect(bus.listDeadLetters(stream, group, { limit: 0 })).rejects.toThrow(RangeError);
      await expect(bus.listDeadLetters(stream, group, { limit: 1, after: 'not-an-id' })).rejects.toThrow(RangeError);
    });

    it('reports lag until the group has caught up', async () => {
      await (await consume()).stop();
      const published = [await publish('test.a'), await publish('test.b'), await publish('test.c'), await publish('test.d')];
      expect(await bus.groupLag(stream, group)).toBe(4);

      await consume();
      await waitFor(() => published.every((event) => deliveryCount(event.eventId) === 1), 'the backlog');
      await waitFor(async () => (await bus.groupLag(stream, group)) === 0, 'lag 0');
      await waitFor(async () => (await metricValue('ragline_bus_group_lag', { stream, group })) === 0, 'the lag gauge to read 0');
    });

    it('counts published and handled events by outcome, and gauges dead letters', async () => {
      const handled = (outcome: string) => metricValue('ragline_bus_events_handled_total', { stream, group, outcome });
      await consume({ maxAttempts: 2 });
      poisonTypes.add('test.flaky');
      const flaky = await publish('test.flaky');
      // Its retry is at least BASE_MS away, plenty of time to fix the handler in between.
      await waitFor(() => deliveryCount(flaky.eventId) === 1, 'the flaky event');
      poisonTypes.delete('test.flaky');
      await publish('test.ok');
      await publish('test.poison');
      await waitFor(deadLetterCountIs(1), 'the dead letter');
      await waitFor(async () => (await handled('ok')) === 2, 'two acknowledged events');

      expect(await metricValue('ragline_bus_events_published_total', { stream })).toBe(3);
      // The flaky event failed once, the poison event once before its last attempt.
      expect(await handled('retry')).toBe(2);
      expect(await handled('dead')).toBe(1);
      expect(await metricValue('ragline_bus_dead_letters', { stream, group })).toBe(1);
      await bus.discardAllDeadLetters(stream, group);
      expect(await metricValue('ragline_bus_dead_letters', { stream, group })).toBe(0);
    });
  });
}
