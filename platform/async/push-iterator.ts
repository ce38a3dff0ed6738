export interface PushIterator<T> {
  readonly iterator: AsyncIterableIterator<T>;
  /** Hands a value to the reader; ignored once the iterator has finished. */
  push(value: T): void;
  /** No more values: the reader drains what is buffered, then sees `done`. */
  end(): void;
}

export interface PushIteratorOptions {
  /** Called once when the reader calls `return()` (e.g. `break` in `for await`), so the source can unsubscribe. */
  onReturn(): void;
  /**
   * A reader that stops pulling must not grow memory without bound; past this many buffered values the oldest is dropped.
   * @default 10_000
   */
  maxBuffered?: number;
  /** Called the first time a value is dropped, so the owner can log that this reader is too slow. */
  onOverflow?(): void;
}

/**
 * Bridges callback-driven sources to `for await`. Written as an explicit iterator rather than an async generator because
 * a generator's `return()` waits for its pending `await` to settle; here `return()` resolves at once and also ends a
 * `next()` that is still waiting.
 */
export function createPushIterator<T>(options: PushIteratorOptions): PushIterator<T> {
  const maxBuffered = options.maxBuffered ?? 10_000;
  const buffered: T[] = [];
  const waiting: Array<(result: IteratorResult<T>) => void> = [];
  let ended = false;
  let returned = false;
  let overflowed = false;

  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  const finishWaiting = () => waiting.splice(0).forEach((resolve) => resolve(done()));

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift() as T, done: false });
      if (ended || returned) return Promise.resolve(done());
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() {
      if (!returned) {
        returned = true;
        buffered.length = 0;
        finishWaiting();
        options.onReturn();
      }
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return {
    iterator,
    push(value) {
      if (ended || returned) return;
      const reader = waiting.shift();
      if (reader) return reader({ value, done: false });
      buffered.push(value);
      if (buffered.length > maxBuffered) {
        buffered.shift();
        if (!overflowed) options.onOverflow?.();
        overflowed = true;
      }
    },
    end() {
      ended = true;
      finishWaiting();
    },
  };
}
