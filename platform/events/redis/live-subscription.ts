import type { BusEvent } from '../event-bus.js';
import type { PushIterator } from '../../async/push-iterator.js';

/** Orders Redis stream IDs (`<ms>-<seq>`); string comparison would put `9-0` after `10-0`. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

/**
 * One local subscriber of a shared reader. A subscriber that joins a running reader may be handed entries the reader
 * fetched late but that were published before `subscribe()`; the cutoff (the stream's last ID at subscribe time)
 * filters them out. Until the cutoff is known, events are held rather than guessed about.
 */
export class LiveSubscription {
  /** `null` while the lookup is running; `undefined` when it failed and everything is let through. */
  private cutoff: string | undefined | null = null;
  private held: BusEvent[] = [];

  constructor(
    private readonly output: PushIterator<BusEvent>,
    cutoff: Promise<string | undefined>,
  ) {
    void cutoff.then((id) => {
      this.cutoff = id;
      const held = this.held;
      this.held = [];
      held.forEach((event) => this.offer(event));
    });
  }

  offer(event: BusEvent): void {
    if (this.cutoff === null) this.held.push(event);
    else if (this.cutoff === undefined || compareStreamIds(event.id, this.cutoff) > 0) this.output.push(event);
  }

  end(): void {
    this.output.end();
  }
}
