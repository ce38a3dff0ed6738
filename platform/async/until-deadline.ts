import { atDeadline } from './deadline.js';

const EXPIRED = Symbol('expired');

/**
 * Passes a stream's values through until `deadline` (ms since the epoch), then yields `lastValue()` once and is done:
 * the source is closed at the deadline, even while a read is pending, and no value of it is delivered afterwards. The
 * timer is cleared as soon as the stream ends any other way (the source ends or fails, or the reader returns).
 */
export function untilDeadline<T>(source: AsyncIterable<T>, deadline: number, lastValue: () => T): AsyncIterableIterator<T> {
  const inner = source[Symbol.asyncIterator]();
  let state: 'open' | 'expired' | 'done' = 'open';
  // read through a function: TypeScript would otherwise keep the narrowing across the awaits below
  const is = (wanted: typeof state) => state === wanted;
  let expire!: () => void;
  const expired = new Promise<typeof EXPIRED>((resolve) => {
    expire = () => resolve(EXPIRED);
  });
  const closeInner = () => {
    void Promise.resolve()
      .then(() => inner.return?.())
      .catch(() => {});
  };
  const cancelTimer = atDeadline(deadline, () => {
    if (state !== 'open') return;
    state = 'expired';
    expire();
    closeInner();
  });
  const done = (): IteratorReturnResult<undefined> => ({ value: undefined, done: true });
  const finish = () => {
    state = 'done';
    cancelTimer();
  };
  const last = (): IteratorResult<T> => {
    finish();
    return { value: lastValue(), done: false };
  };

  const iterator: AsyncIterableIterator<T> = {
    async next() {
      if (state === 'expired') return last();
      if (state === 'done') return done();
      const pending = inner.next();
      pending.catch(() => {});
      let result: IteratorResult<T> | typeof EXPIRED;
      try {
        result = await Promise.race([pending, expired]);
      } catch (error) {
        finish();
        throw error;
      }
      if (result === EXPIRED) return is('expired') ? last() : done();
      if (is('done')) return done();
      if (result.done) finish();
      return result;
    },
    async return() {
      const wasOpen = state === 'open';
      finish();
      if (wasOpen) await inner.return?.();
      return done();
    },
    async throw(error?: unknown) {
      const wasOpen = state === 'open';
      finish();
      if (wasOpen) await inner.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
