import type { ToolApproval } from '../approvals/tool-approval.entity.js';
import type { Citation } from '../conversations/citation.js';
import type { Message } from '../conversations/message.entity.js';
import type { ToolCall } from '../conversations/tool-call.entity.js';
import type { Owner } from '../conversations/owner.js';

/** What a chatStream subscriber sees, in order; `completed` is always last. */
export type ChatStreamEvent =
  | { kind: 'delta'; text: string }
  | { kind: 'tool-started'; callId: string; name: string; argumentsJson: string; round: number }
  | { kind: 'tool-finished'; callId: string; name: string; ok: boolean; errorCode: string | null; durationMs: number }
  | { kind: 'approval-requested'; approval: ToolApproval }
  | { kind: 'completed'; message: Message; toolCalls: ToolCall[]; citations: Citation[] };

/** How the hub names a stream's owner (tenant:user). */
export const hubOwnerKey = (owner: Owner) => `${owner.tenantId}:${owner.userId}`;

interface Stream {
  /** Whose message it is (tenant:user), so a subscription can be authorised without a database read. */
  owner: string;
  events: ChatStreamEvent[];
  ended: boolean;
  wakers: Set<() => void>;
  expiry?: NodeJS.Timeout;
  /** When the last delta was published, and text held back since (published by `flush` when the window closes). */
  lastDeltaAt: number;
  heldText: string;
  flush?: NodeJS.Timeout;
}

export interface ChatStreamHubOptions {
  /** How long a finished stream stays replayable for subscribers that connect late. @default 60000 */
  keepFinishedMs?: number;
  /**
   * Deltas pushed within this many ms of the last published one are held and published together when the window
   * closes; the first delta and any delta after a quiet window go out at once. Every event costs the same to carry
   * through the subscription bridge and the gateway whatever its size, so this bounds the per-stream event rate
   * (1000 / deltaFlushMs a second) without delaying the first token. 0 publishes every delta as it comes. @default 0
   */
  deltaFlushMs?: number;
}

/**
 * In-process fan-out of one assistant message's events. Every event is buffered from the start, so a client that
 * subscribes after sendMessage returned (the usual case: mutation first, then subscription) still sees every token;
 * a finished stream is kept for a while for the same reason, then forgotten (the message is in the database).
 * The assistant runs the turn in the process that serves sendMessage, so in-process is enough; a subscriber reaching
 * another process falls back to the stored message (see ChatStream.stream).
 */
export class ChatStreamHub {
  private readonly streams = new Map<string, Stream>();
  private readonly keepFinishedMs: number;
  private readonly deltaFlushMs: number;

  constructor(options: ChatStreamHubOptions = {}) {
    this.keepFinishedMs = options.keepFinishedMs ?? 60_000;
    this.deltaFlushMs = options.deltaFlushMs ?? 0;
  }

  open(messageId: string, owner: string): void {
    if (!this.streams.has(messageId))
      this.streams.set(messageId, {
        owner,
        events: [],
        ended: false,
        wakers: new Set(),
        lastDeltaAt: Number.NEGATIVE_INFINITY,
        heldText: '',
      });
  }

  /** Forgets a stream whose message was never stored; nobody can have subscribed to it (its ID was never returned). */
  discard(messageId: string): void {
    const stream = this.streams.get(messageId);
    clearTimeout(stream?.expiry);
    clearTimeout(stream?.flush);
    this.streams.delete(messageId);
  }

  has(messageId: string): boolean {
    return this.streams.has(messageId);
  }

  /** The owner the stream was opened for, or undefined when the hub has no such stream. */
  ownerOf(messageId: string): string | undefined {
    return this.streams.get(messageId)?.owner;
  }

  push(messageId: string, event: ChatStreamEvent): void {
    const stream = this.streams.get(messageId);
    if (!stream || stream.ended) return;
    if (event.kind === 'delta' && this.deltaFlushMs > 0) {
      const now = performance.now();
      if (stream.flush || now - stream.lastDeltaAt < this.deltaFlushMs) {
        stream.heldText += event.text;
        stream.flush ??= setTimeout(() => this.publishHeld(stream), Math.max(0, stream.lastDeltaAt + this.deltaFlushMs - now));
        return;
      }
      stream.lastDeltaAt = now;
    } else if (event.kind !== 'delta') {
      // Held text comes before whatever follows it.
      this.publishHeld(stream, false);
    }
    this.publish(stream, messageId, event);
  }

  private publishHeld(stream: Stream, wake = true): void {
    clearTimeout(stream.flush);
    stream.flush = undefined;
    if (!stream.heldText || stream.ended) return;
    stream.events.push({ kind: 'delta', text: stream.heldText });
    stream.heldText = '';
    stream.lastDeltaAt = performance.now();
    if (wake) for (const wakeUp of stream.wakers) wakeUp();
  }

  private publish(stream: Stream, messageId: string, event: ChatStreamEvent): void {
    stream.events.push(event);
    if (event.kind === 'completed') {
      stream.ended = true;
      stream.expiry = setTimeout(() => this.streams.delete(messageId), this.keepFinishedMs);
      stream.expiry.unref();
    }
    for (const wake of stream.wakers) wake();
  }

  /**
   * Replays from the first event, then follows live; ends after `completed`. Deltas already waiting are delivered
   * merged. Undefined when the hub has no such stream.
   */
  subscribe(messageId: string): AsyncIterableIterator<ChatStreamEvent> | undefined {
    const stream = this.streams.get(messageId);
    if (!stream) return undefined;
    let index = 0;
    let returned = false;
    let wake: (() => void) | undefined;
    // A subscriber that fell behind gets the deltas waiting for it as one: same text, far fewer events to push
    // through the subscription bridge and the gateway when they are the bottleneck. A reader that keeps up sees
    // every delta as it was produced.
    const coalesce = (): ChatStreamEvent => {
      const first = stream.events[index++]!;
      if (first.kind !== 'delta') return first;
      let text = first.text;
      while (index < stream.events.length && stream.events[index]!.kind === 'delta')
        text += (stream.events[index++] as { text: string }).text;
      return text === first.text ? first : { kind: 'delta', text };
    };
    const iterator: AsyncIterableIterator<ChatStreamEvent> = {
      async next() {
        for (;;) {
          if (returned) return { value: undefined, done: true };
          if (index < stream.events.length) return { value: coalesce(), done: false };
          if (stream.ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => {
            wake = resolve;
            stream.wakers.add(resolve);
          });
          if (wake) stream.wakers.delete(wake);
        }
      },
      async return() {
        returned = true;
        if (wake) {
          stream.wakers.delete(wake);
          wake();
        }
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  close(): void {
    for (const stream of this.streams.values()) {
      clearTimeout(stream.expiry);
      clearTimeout(stream.flush);
      stream.ended = true;
      for (const wake of stream.wakers) wake();
    }
    this.streams.clear();
  }
}
