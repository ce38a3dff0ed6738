/** An event as it travels on the bus. `eventId` is the producer's ID (consumers deduplicate on it); `id` is the transport's. */
export interface BusEvent<TPayload = unknown> {
  /** Transport position: a Redis stream entry ID, or a monotonic counter in-process. */
  id: string;
  stream: string;
  eventId: string;
  type: string;
  tenantId: string;
  occurredAt: string;
  payload: TPayload;
  /**
   * W3C `traceparent` of the work that published the event (set by `withTracing` when tracing is on), so a consumer's
   * span links back to it. Absent when tracing is off; dead letters that are reprocessed lose it.
   */
  traceparent?: string;
}

export type PublishInput<TPayload = unknown> = Omit<BusEvent<TPayload>, 'id' | 'stream' | 'eventId' | 'occurredAt'> &
  Partial<Pick<BusEvent<TPayload>, 'eventId' | 'occurredAt'>>;

/** Exponential backoff between attempts of a failed delivery; see `retryDelay` for the jitter. */
export interface RetryBackoff {
  /** Lower bound of every delay: attempt n waits between `baseMs·2^(n-1)` and `baseMs·2^n`, capped at `maxMs`. */
  baseMs: number;
  /** Cap on any single delay. */
  maxMs: number;
}

export interface ConsumeOptions {
  /** Unique per process within a group; defaults to host + pid + random suffix. */
  consumer?: string;
  /** Where a group that does not exist yet starts: only new events (`$`, default) or the whole retained stream (`0`). */
  startFrom?: '$' | '0';
  /**
   * How long a delivery nobody settled (its consumer crashed, or its handler is still running) stays with its consumer
   * before another consumer of the group takes it over. Failed handlers follow `retryBackoff` instead. Only Redis can
   * lose a consumer this way; the in-process bus ignores it.
   */
  redeliverAfterMs?: number;
  /**
   * Deliveries of one event before it is moved to the group's dead letters (`listDeadLetters`) and acknowledged, so a
   * poison event stops costing retries.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * Delay before a failed delivery is handed out again.
   * @default { baseMs: 200, maxMs: 30_000 }
   */
  retryBackoff?: Partial<RetryBackoff>;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

/** An event a group gave up on after `maxAttempts` failed deliveries. */
export interface DeadLetter {
  /** The dead letter's own ID, for `reprocessDeadLetter` / `discardDeadLetter` and as the `after` cursor. */
  id: string;
  /** The event as last delivered; `event.id` is its position in the source stream when it died. */
  event: BusEvent;
  group: string;
  attempts: number;
  /** From the last failure; `name` is the error's class name (`Error`, `TypeError`, …). */
  error: { name: string; message: string };
  /** ISO timestamp. */
  diedAt: string;
}

export interface ListDeadLettersOptions {
  limit: number;
  /** Returns only dead letters after this ID (the last `id` of the previous page). */
  after?: string;
}

/**
 * Two implementations share this contract and one conformance suite: Redis Streams (REDIS_URL set) and in-process
 * (the embedded single-process mode). Delivery to consumer groups is at least once; live subscriptions are best effort.
 *
 * Dead letters are kept per stream and group until reprocessed or discarded. Reprocessing re-publishes the original
 * event (same `eventId`, `type`, `tenantId`, `occurredAt`, `payload`; a new transport `id`) to the source stream, so
 * EVERY group and live subscriber of that stream sees it again, not only the group it died in: handlers must
 * deduplicate on `eventId` (they already must, delivery being at least once).
 */
export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish<TPayload>(stream: string, event: PublishInput<TPayload>): Promise<BusEvent<TPayload>>;
  /** Live fan-out of events published after the call; `return()` on the iterator unsubscribes at once. */
  subscribe(stream: string): AsyncIterableIterator<BusEvent>;
  /**
   * Every retained event of `stream` after position `after` (from its first when omitted), then each new one as it is
   * published, in order, with no gap or duplicate between the two. For short per-key streams that a reader arriving
   * late must see whole (one chat turn's events); `return()` stops it.
   */
  replay(stream: string, options?: { after?: string }): AsyncIterableIterator<BusEvent>;
  /** The events `stream` retains now, oldest first, at most `limit`: what a replay would start with, without waiting. */
  retained(stream: string, limit: number): Promise<BusEvent[]>;
  /** Forgets the stream and its events `ttlMs` from now (Redis PEXPIRE); a later publish starts it again. */
  expire(stream: string, ttlMs: number): Promise<void>;
  /**
   * Competing consumers: each event goes to one consumer of `group` and is acknowledged when `handler` resolves. When it
   * throws, the event is retried after `retryBackoff`, and dead-lettered after `maxAttempts` deliveries.
   */
  consume(stream: string, group: string, handler: (event: BusEvent) => Promise<void>, options?: ConsumeOptions): Promise<ConsumerHandle>;
  /** Oldest first. */
  listDeadLetters(stream: string, group: string, options: ListDeadLettersOptions): Promise<DeadLetter[]>;
  /** Re-publishes the original event (see above) and deletes the dead letter; false when no such dead letter exists. */
  reprocessDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean>;
  /** Reprocesses the dead letters present when called (not those that die meanwhile); returns how many. */
  reprocessAllDeadLetters(stream: string, group: string): Promise<number>;
  discardDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean>;
  /** Returns how many were discarded. */
  discardAllDeadLetters(stream: string, group: string): Promise<number>;
  countDeadLetters(stream: string, group: string): Promise<number>;
  /**
   * Events of `stream` not yet handed to any consumer of `group` (0 for an unknown group). Deliveries that are running
   * or waiting for a retry are not lag: they have been handed out.
   */
  groupLag(stream: string, group: string): Promise<number>;
  /** Resolves when the transport answers; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a producer that consumes nothing needs of a bus (the gateway's operation timings). */
export type EventPublisher = Pick<EventBus, 'publish'>;
