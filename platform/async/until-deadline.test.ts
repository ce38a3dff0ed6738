import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPushIterator } from './push-iterator.js';
import { untilDeadline } from './until-deadline.js';

describe('untilDeadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes values through, then at the deadline closes the source, yields the last value once and is done', async () => {
    vi.useFakeTimers();
    const onReturn = vi.fn();
    const source = createPushIterator<string>({ onReturn });
    const stream = untilDeadline(source.iterator, Date.now() + 1000, () => 'expired');
    source.push('a');
    expect(await stream.next()).toEqual({ value: 'a', done: false });
    const pending = stream.next();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toEqual({ value: 'expired', done: false });
    expect(onReturn).toHaveBeenCalledTimes(1);
    source.push('late');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer when the reader returns or the source ends first', async () => {
    vi.useFakeTimers();
    const returned = untilDeadline(createPushIterator<number>({ onReturn: () => undefined }).iterator, Date.now() + 60_000, () => 0);
    expect(vi.getTimerCount()).toBe(1);
    await returned.return!();
    expect(vi.getTimerCount()).toBe(0);

    const source = createPushIterator<number>({ onReturn: () => undefined });
    const ended = untilDeadline(source.iterator, Date.now() + 60_000, () => 0);
    source.end();
    expect(await ended.next()).toEqual({ value: undefined, done: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits in steps for a deadline beyond what setTimeout allows', async () => {
    vi.useFakeTimers();
    const days = 40 * 24 * 3600 * 1000;
    const stream = untilDeadline(createPushIterator<number>({ onReturn: () => undefined }).iterator, Date.now() + days, () => -1);
    const pending = stream.next();
    await vi.advanceTimersByTimeAsync(days - 1000);
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ value: -1, done: false });
  });
});
