import type { BusEvent } from '../event-bus.js';
import type { PreparedEvent } from '../prepare-event.js';

/** One stream's retained history. Positions are a per-stream counter, like Redis entry IDs are per stream. */
export class InProcessStreamLog {
  private readonly events: BusEvent[] = [];
  /** Position of `events[0]`; moves forward as old events are trimmed. */
  private firstPosition = 1;
  private lastPosition = 0;

  constructor(
    readonly stream: string,
    private readonly maxRetained: number,
  ) {}

  get lastAppended(): number {
    return this.lastPosition;
  }

  append(prepared: PreparedEvent): BusEvent {
    this.lastPosition += 1;
    const event: BusEvent = { id: String(this.lastPosition), stream: this.stream, ...prepared };
    this.events.push(event);
    // Trimmed events are gone for late groups (`startFrom: '0'`) just as with Redis MAXLEN; pending deliveries keep theirs.
    if (this.events.length > this.maxRetained) {
      this.events.shift();
      this.firstPosition += 1;
    }
    return event;
  }

  countAfter(position: number): number {
    return this.lastPosition - Math.max(position, this.firstPosition - 1);
  }

  /** The oldest retained event after `position`, if any. */
  after(position: number): { position: number; event: BusEvent } | undefined {
    const next = Math.max(position + 1, this.firstPosition);
    if (next > this.lastPosition) return undefined;
    return { position: next, event: this.events[next - this.firstPosition]! };
  }
}
