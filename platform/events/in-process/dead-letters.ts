import type { BusEvent, DeadLetter, ListDeadLettersOptions } from '../event-bus.js';
import type { HandlerFailure } from '../handler-failure.js';

/** One group's dead letters, oldest first. IDs are a per-queue counter so `after` cursors stay valid across removals. */
export class InProcessDeadLetters {
  private readonly letters = new Map<number, DeadLetter>();
  private lastId = 0;

  constructor(private readonly group: string) {}

  get count(): number {
    return this.letters.size;
  }

  add(event: BusEvent, attempts: number, error: HandlerFailure): DeadLetter {
    this.lastId += 1;
    // A copy: the logged event is shared with other groups' handlers, which may mutate what they are given.
    const letter: DeadLetter = {
      id: String(this.lastId),
      event: structuredClone(event),
      group: this.group,
      attempts,
      error,
      diedAt: new Date().toISOString(),
    };
    this.letters.set(this.lastId, letter);
    return letter;
  }

  list({ limit, after }: ListDeadLettersOptions): DeadLetter[] {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const afterId = after === undefined ? 0 : Number(after);
    if (!Number.isInteger(afterId)) throw new RangeError(`after must be a dead letter ID, got ${after}`);
    const page: DeadLetter[] = [];
    // Map iteration follows insertion order, which is ID order.
    for (const [id, letter] of this.letters) {
      if (page.length >= limit) break;
      if (id > afterId) page.push(letter);
    }
    return page;
  }

  /** Removes and returns the dead letter, or undefined when there is none with this ID. */
  take(id: string): DeadLetter | undefined {
    const key = Number(id);
    const letter = this.letters.get(key);
    this.letters.delete(key);
    return letter;
  }

  /** IDs present now, so callers can work through a snapshot while new letters arrive. */
  ids(): string[] {
    return [...this.letters.keys()].map(String);
  }

  clear(): number {
    const count = this.letters.size;
    this.letters.clear();
    return count;
  }
}
