import type { Client, SubscribePayload } from 'graphql-ws';
import { RaglineError, toRaglineError, type RaglineGraphQLError } from './errors.js';

/**
 * A graphql-ws subscription as an async iterator of `data`: a result carrying errors ends it with a RaglineError, and
 * `return()` (e.g. `break` in `for await`) unsubscribes at once.
 */
export function iterate<TData>(client: Client, payload: SubscribePayload): AsyncIterableIterator<TData> {
  const queue: TData[] = [];
  const waiting: { resolve: (result: IteratorResult<TData>) => void; reject: (error: unknown) => void }[] = [];
  let failure: RaglineError | undefined;
  let finished = false;

  const settle = () => {
    while (waiting.length > 0 && (queue.length > 0 || finished || failure)) {
      const waiter = waiting.shift()!;
      if (queue.length > 0) waiter.resolve({ value: queue.shift()!, done: false });
      else if (failure) waiter.reject(failure);
      else waiter.resolve({ value: undefined, done: true });
    }
  };
  const unsubscribe = client.subscribe<TData>(payload, {
    next(result) {
      if (result.errors?.length) {
        failure = new RaglineError(result.errors as RaglineGraphQLError[]);
        unsubscribe();
      } else if (result.data) queue.push(result.data as TData);
      settle();
    },
    error(cause) {
      failure = toRaglineError(cause);
      settle();
    },
    complete() {
      finished = true;
      settle();
    },
  });

  const iterator: AsyncIterableIterator<TData> = {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (failure) return Promise.reject(failure);
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
      });
    },
    async return() {
      finished = true;
      unsubscribe();
      settle();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
