import { GraphQLError, type ExecutionResult } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { SubscriptionEventStream } from './subscription-event-stream.js';

const double = async (n: number): Promise<ExecutionResult> => ({ data: { n: n * 2 } });
const failed = (): ExecutionResult => ({ errors: [] });

describe('SubscriptionEventStream', () => {
  it('delivers transformed events in arrival order, including ones queued before next()', async () => {
    const stream = new SubscriptionEventStream(double, failed);
    stream.event(1);
    stream.event(2);
    expect(await stream.next()).toEqual({ done: false, value: { data: { n: 2 } } });
    expect(await stream.next()).toEqual({ done: false, value: { data: { n: 4 } } });
    const waiting = stream.next();
    stream.event(3);
    expect(await waiting).toEqual({ done: false, value: { data: { n: 6 } } });
    stream.end();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('closes the upstream at once when return() is called while next() waits for an event', async () => {
    const stream = new SubscriptionEventStream(double, failed);
    const closeUpstream = vi.fn();
    stream.attach(closeUpstream);
    const pending = stream.next();
    const returned = stream.return();
    expect(closeUpstream).toHaveBeenCalledTimes(1);
    await expect(returned).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    stream.event(1);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(closeUpstream).toHaveBeenCalledTimes(1);
  });

  it('closes an upstream attached after the client already left', () => {
    const stream = new SubscriptionEventStream(double, failed);
    void stream.return();
    const closeUpstream = vi.fn();
    stream.attach(closeUpstream);
    expect(closeUpstream).toHaveBeenCalledTimes(1);
  });

  it('ends after one final payload, delivered after the events queued before it', async () => {
    const stream = new SubscriptionEventStream(double, failed);
    stream.event(1);
    stream.fail({ errors: [] });
    stream.event(2);
    expect(await stream.next()).toEqual({ done: false, value: { data: { n: 2 } } });
    expect(await stream.next()).toEqual({ done: false, value: { errors: [] } });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('drops an event still being completed when the client leaves, and reports transform failures as payloads', async () => {
    let release: () => void = () => {};
    const slow = new SubscriptionEventStream<number>((n) => new Promise((resolve) => (release = () => resolve({ data: { n } }))), failed);
    slow.event(1);
    const pending = slow.next();
    await slow.return();
    release();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });

    const broken = new SubscriptionEventStream<number>(
      async () => Promise.reject(new Error('boom')),
      () => ({ errors: [] }),
    );
    broken.event(1);
    await expect(broken.next()).resolves.toEqual({ done: false, value: { errors: [] } });
  });

  it('ends at its deadline with the final payload, dropping queued events, and clears the timer when it closes', async () => {
    vi.useFakeTimers();
    try {
      const stream = new SubscriptionEventStream(double, failed);
      const closeUpstream = vi.fn();
      stream.attach(closeUpstream);
      stream.endAt(Date.now() + 1000, () => ({ errors: [new GraphQLError('expired')] }));
      stream.event(1);
      expect(await stream.next()).toEqual({ done: false, value: { data: { n: 2 } } });
      stream.event(2);
      await vi.advanceTimersByTimeAsync(1000);
      stream.event(3);
      expect(await stream.next()).toMatchObject({ done: false, value: { errors: [{ message: 'expired' }] } });
      expect(closeUpstream).toHaveBeenCalledTimes(1);
      expect(await stream.next()).toEqual({ done: true, value: undefined });

      const left = new SubscriptionEventStream(double, failed);
      left.endAt(Date.now() + 60_000, failed);
      expect(vi.getTimerCount()).toBe(1);
      await left.return();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
