import type { BusEvent } from '../event-bus.js';
import type { InProcessStreamLog } from './stream-log.js';

export interface Delivery {
  readonly position: number;
  readonly event: BusEvent;
  /** Handed to a consumer and not settled yet; a running handler is never duplicated in-process. */
  inFlight: boolean;
  /** When a failed delivery may be handed out again. */
  retryAt: number;
  /** Deliveries so far, this one included: claiming increments it. */
  attempts: number;
}

/** A group's shared state: how far it has read, and what was handed out but not acknowledged yet. */
export class InProcessConsumerGroup {
  private cursor: number;
  private readonly pending = new Map<number, Delivery>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly log: InProcessStreamLog,
    startFrom: '$' | '0',
  ) {
    this.cursor = startFrom === '0' ? 0 : log.lastAppended;
  }

  /** Due retries come first so that steady new traffic cannot starve them; then the next unread event. */
  claim(now: number): Delivery | undefined {
    for (const delivery of this.pending.values()) {
      if (!delivery.inFlight && delivery.retryAt <= now) {
        delivery.inFlight = true;
        delivery.attempts += 1;
        return delivery;
      }
    }
    const next = this.log.after(this.cursor);
    if (!next) return undefined;
    this.cursor = next.position;
    const delivery: Delivery = { position: next.position, event: next.event, inFlight: true, retryAt: 0, attempts: 1 };
    this.pending.set(next.position, delivery);
    return delivery;
  }

  /** Retained events after the cursor: what Redis reports as a group's `lag`. Events trimmed unread are lost, not lag. */
  get lag(): number {
    return this.log.countAfter(this.cursor);
  }

  ack(delivery: Delivery): void {
    this.pending.delete(delivery.position);
  }

  release(delivery: Delivery, retryAt: number): void {
    delivery.inFlight = false;
    delivery.retryAt = retryAt;
    // Idle consumers must re-arm their timers to pick this retry up.
    this.notify();
  }

  /** Milliseconds until the earliest failed delivery becomes due, or undefined when none is waiting. */
  nextRetryIn(now: number): number | undefined {
    let earliest: number | undefined;
    for (const delivery of this.pending.values()) {
      if (!delivery.inFlight && (earliest === undefined || delivery.retryAt < earliest)) earliest = delivery.retryAt;
    }
    return earliest === undefined ? undefined : Math.max(0, earliest - now);
  }

  /** Registers a wake-up for new work; returns the unregister function. */
  onWork(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
