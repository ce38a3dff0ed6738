import { createClient, type Client, type FormattedExecutionResult as ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client that never retries, so a broken server shows up as an error instead of a silent reconnect. */
export function wsClient(url: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** Collects a subscription's results so a test can await the n-th one with a deadline instead of sleeping. */
export function collect<T = any>(client: Client, query: string, variables?: Record<string, unknown>) {
  const results: ExecutionResult<T, unknown>[] = [];
  let error: unknown;
  let completed = false;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        notify();
      },
      error: (cause) => {
        error = cause;
        completed = true;
        notify();
      },
      complete: () => {
        completed = true;
        notify();
      },
    },
  );
  const until = (predicate: () => boolean, what: string, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  return {
    results,
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    unsubscribe,
    nth: async (n: number, timeoutMs?: number) => {
      await until(() => results.length >= n || completed, `result #${n}`, timeoutMs);
      if (results.length < n) throw new Error(`Subscription ended after ${results.length} results: ${JSON.stringify(error ?? null)}`);
      return results[n - 1]!;
    },
    done: (timeoutMs?: number) => until(() => completed, 'completion', timeoutMs),
  };
}
