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
}

export type PublishInput<TPayload = unknown> = Omit<BusEvent<TPayload>, 'id' | 'stream' | 'eventId' | 'occurredAt'> &
  Partial<Pick<BusEvent<TPayload>, 'eventId' | 'occurredAt'>>;

export interface ConsumeOptions {
  /** Unique per process within a group; defaults to host + pid + random suffix. */
  consumer?: string;
  /** Where a group that does not exist yet starts: only new events (`$`, default) or the whole retained stream (`0`). */
  startFrom?: '$' | '0';
  /** How long a failed or unacknowledged delivery waits before it is handed out again. */
  redeliverAfterMs?: number;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

/**
 * Two implementations share this contract and one conformance suite: Redis Streams (REDIS_URL set) and in-process
 * (the embedded single-process mode). Delivery to consumer groups is at least once; live subscriptions are best effort.
 */
export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish<TPayload>(stream: string, event: PublishInput<TPayload>): Promise<BusEvent<TPayload>>;
  /** Live fan-out of events published after the call; `return()` on the iterator unsubscribes at once. */
  subscribe(stream: string): AsyncIterableIterator<BusEvent>;
  /** Competing consumers: each event goes to one consumer of `group`, is acknowledged when `handler` resolves, redelivered when it throws. */
  consume(stream: string, group: string, handler: (event: BusEvent) => Promise<void>, options?: ConsumeOptions): Promise<ConsumerHandle>;
  /** Resolves when the transport answers; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
