export interface MapAsyncIteratorOptions<T> {
  /** After a value for which this is true, the iterator is done (the source is not read again). */
  isLast?(value: T): boolean;
  /** Called once when the iterator finishes: the source ended, the last value was read, or the reader returned. */
  onClose?(): void;
}

/**
 * Maps every value of an async iterable. Written as an explicit iterator rather than an async generator because a
 * generator's `return()` waits for its pending `await`: a subscriber leaving mid-stream would be held until the
 * source's next value. Here `return()` reaches the source at once.
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterable<T>,
  map: (value: T) => U,
  options: MapAsyncIteratorOptions<T> = {},
): AsyncIterableIterator<U> {
  const inner = source[Symbol.asyncIterator]();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    options.onClose?.();
  };
  const done = (): IteratorResult<U> => ({ value: undefined, done: true });
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      if (finished) return done();
      const result = await inner.next();
      if (result.done) {
        finish();
        return done();
      }
      if (options.isLast?.(result.value)) finish();
      return { value: map(result.value), done: false };
    },
    async return() {
      finish();
      await inner.return?.();
      return done();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
