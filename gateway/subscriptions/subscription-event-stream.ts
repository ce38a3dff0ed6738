import type { ExecutionResult } from 'graphql';
import { atDeadline } from '../../platform/async/deadline.js';

type Item<TEvent> = { kind: 'event'; event: TEvent } | { kind: 'final'; result: ExecutionResult } | { kind: 'end' };

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The client-facing stream of one subscription, written as an explicit iterator (not an async generator) so that
 * `return()` closes the upstream at once, even while `next()` is waiting for an event that may never come.
 * Events are turned into payloads one at a time, in arrival order.
 */
export class SubscriptionEventStream<TEvent> implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: Item<TEvent>[] = [];
  private readonly waiters: ((item: Item<TEvent>) => void)[] = [];
  private ended = false;
  private closed = false;
  private closeUpstream: () => void = () => {};
  private cancelDeadline: () => void = () => {};

  constructor(
    private readonly transform: (event: TEvent) => Promise<ExecutionResult>,
    private readonly transformFailed: (error: unknown) => ExecutionResult,
  ) {}

  /** Remembers how to close the upstream; closes it right away if the client already left. */
  attach(closeUpstream: () => void): void {
    this.closeUpstream = closeUpstream;
    if (this.closed) closeUpstream();
  }

  event(event: TEvent): void {
    this.push({ kind: 'event', event });
  }

  /** Ends the stream after one last payload (already queued events are delivered first). */
  fail(result: ExecutionResult): void {
    this.push({ kind: 'final', result });
  }

  end(): void {
    this.push({ kind: 'end' });
  }

  /**
   * At `deadline` (ms since the epoch) the stream ends with `result`: events still queued are dropped and none is
   * delivered after it. The timer is cleared when the stream closes.
   */
  endAt(deadline: number, result: () => ExecutionResult): void {
    this.cancelDeadline();
    if (this.closed) return;
    this.cancelDeadline = atDeadline(deadline, () => {
      if (this.ended || this.closed) return;
      this.queue.length = 0;
      this.fail(result());
    });
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.closed) return DONE;
    const item = this.queue.shift() ?? (await new Promise<Item<TEvent>>((resolve) => this.waiters.push(resolve)));
    if (this.closed || item.kind === 'end') return this.close();
    if (item.kind === 'final') {
      this.close();
      return { done: false, value: item.result };
    }
    let value: ExecutionResult;
    try {
      value = await this.transform(item.event);
    } catch (error) {
      value = this.transformFailed(error);
    }
    return this.closed ? DONE : { done: false, value };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    return this.close();
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private push(item: Item<TEvent>): void {
    if (this.ended || this.closed) return;
    if (item.kind !== 'event') this.ended = true;
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.queue.push(item);
  }

  private close(): IteratorReturnResult<undefined> {
    if (this.closed) return DONE;
    this.closed = true;
    this.queue.length = 0;
    this.cancelDeadline();
    this.closeUpstream();
    for (const waiter of this.waiters.splice(0)) waiter({ kind: 'end' });
    return DONE;
  }
}
