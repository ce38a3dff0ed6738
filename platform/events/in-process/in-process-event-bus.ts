import type { BusEvent, ConsumeOptions, ConsumerHandle, DeadLetter, EventBus, ListDeadLettersOptions, PublishInput } from '../event-bus.js';
import type { Logger } from '../../logger.js';
import { busMetrics } from '../bus-metrics.js';
import { defaultConsumerName } from '../default-consumer-name.js';
import { InProcessConsumer } from './consumer.js';
import { InProcessConsumerGroup } from './consumer-group.js';
import { InProcessDeadLetters } from './dead-letters.js';
import { InProcessStreamLog } from './stream-log.js';
import { prepareEvent } from '../prepare-event.js';
import { createPushIterator, type PushIterator } from '../../async/push-iterator.js';
import { resolveRetryPolicy } from '../retry-policy.js';

export interface InProcessEventBusOptions {
  logger: Logger;
  /**
   * Events kept per stream for groups created later with `startFrom: '0'`.
   * @default 10_000
   */
  maxRetainedPerStream?: number;
  /**
   * Ignored, and kept only so existing configuration still compiles: failed handlers are retried after
   * `ConsumeOptions.retryBackoff`, and nothing can crash between delivery and acknowledgement in one process.
   * @deprecated
   */
  redeliverAfterMs?: number;
}

interface StreamState {
  log: InProcessStreamLog;
  subscribers: Set<PushIterator<BusEvent>>;
  groups: Map<string, InProcessConsumerGroup>;
  /** Per group; outlives the group's consumers so dead letters can be handled after they stop. */
  deadLetters: Map<string, InProcessDeadLetters>;
}

/** The embedded single-process transport: same contract as Redis Streams, state lives (and dies) with the process. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly streams = new Map<string, StreamState>();
  private readonly consumers = new Set<InProcessConsumer>();
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: InProcessEventBusOptions) {}

  async publish<TPayload>(stream: string, input: PublishInput<TPayload>): Promise<BusEvent<TPayload>> {
    this.assertOpen();
    const state = this.state(stream);
    const event = state.log.append(prepareEvent(input));
    for (const subscriber of state.subscribers) subscriber.push(event);
    for (const group of state.groups.values()) group.notify();
    busMetrics().published.inc({ stream });
    return event as BusEvent<TPayload>;
  }

  subscribe(stream: string): AsyncIterableIterator<BusEvent> {
    this.assertOpen();
    const { subscribers } = this.state(stream);
    const subscriber: PushIterator<BusEvent> = createPushIterator<BusEvent>({
      onReturn: () => subscribers.delete(subscriber),
      onOverflow: () => this.options.logger.warn({ stream }, 'live subscriber is not keeping up; dropping its oldest events'),
    });
    subscribers.add(subscriber);
    return subscriber.iterator;
  }

  replay(stream: string, options: { after?: string } = {}): AsyncIterableIterator<BusEvent> {
    this.assertOpen();
    const { subscribers, log } = this.state(stream);
    const subscriber: PushIterator<BusEvent> = createPushIterator<BusEvent>({
      onReturn: () => subscribers.delete(subscriber),
      maxBuffered: 100_000,
      onOverflow: () => this.options.logger.warn({ stream }, 'replay reader is not keeping up; dropping its oldest events'),
    });
    // Synchronous from the log to the subscriber set: nothing can be published in between.
    for (let next = log.after(Number(options.after ?? 0)); next; next = log.after(next.position)) subscriber.push(next.event);
    subscribers.add(subscriber);
    return subscriber.iterator;
  }

  async retained(stream: string, limit: number): Promise<BusEvent[]> {
    this.assertOpen();
    const events: BusEvent[] = [];
    const log = this.streams.get(stream)?.log;
    for (let next = log?.after(0); next && events.length < limit; next = log!.after(next.position)) events.push(next.event);
    return events;
  }

  async expire(stream: string, ttlMs: number): Promise<void> {
    this.assertOpen();
    clearTimeout(this.expiries.get(stream));
    const timer = setTimeout(() => {
      this.expiries.delete(stream);
      const state = this.streams.get(stream);
      if (!state || state.groups.size > 0) return;
      for (const subscriber of state.subscribers) subscriber.end();
      this.streams.delete(stream);
    }, ttlMs);
    timer.unref();
    this.expiries.set(stream, timer);
  }

  async consume(
    stream: string,
    group: string,
    handler: (event: BusEvent) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<ConsumerHandle> {
    this.assertOpen();
    const retry = resolveRetryPolicy(options);
    const state = this.state(stream);
    let groupState = state.groups.get(group);
    if (!groupState) {
      groupState = new InProcessConsumerGroup(state.log, options.startFrom ?? '$');
      state.groups.set(group, groupState);
    }
    const consumer = new InProcessConsumer(groupState, handler, {
      stream,
      group,
      consumer: options.consumer ?? defaultConsumerName(),
      retry,
      deadLetters: this.deadLetters(state, group),
      logger: this.options.logger,
    });
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  async listDeadLetters(stream: string, group: string, options: ListDeadLettersOptions): Promise<DeadLetter[]> {
    this.assertOpen();
    const letters = this.existingDeadLetters(stream, group) ?? new InProcessDeadLetters(group);
    // Through a queue even when there is none, so bad options fail the same way whether or not anything died yet.
    return letters.list(options);
  }

  async reprocessDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean> {
    this.assertOpen();
    const letters = this.existingDeadLetters(stream, group);
    const letter = letters?.take(deadLetterId);
    if (!letters || !letter) return false;
    const { eventId, type, tenantId, occurredAt, payload } = letter.event;
    await this.publish(stream, { eventId, type, tenantId, occurredAt, payload });
    busMetrics().deadLetters.set({ stream, group }, letters.count);
    return true;
  }

  async reprocessAllDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    let reprocessed = 0;
    // A snapshot: letters that die again while we work are for the next call, or this would never end.
    for (const id of this.existingDeadLetters(stream, group)?.ids() ?? []) {
      if (await this.reprocessDeadLetter(stream, group, id)) reprocessed += 1;
    }
    return reprocessed;
  }

  async discardDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean> {
    this.assertOpen();
    const letters = this.existingDeadLetters(stream, group);
    if (!letters?.take(deadLetterId)) return false;
    busMetrics().deadLetters.set({ stream, group }, letters.count);
    return true;
  }

  async discardAllDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    const letters = this.existingDeadLetters(stream, group);
    if (!letters) return 0;
    const discarded = letters.clear();
    busMetrics().deadLetters.set({ stream, group }, 0);
    return discarded;
  }

  async countDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return this.existingDeadLetters(stream, group)?.count ?? 0;
  }

  async groupLag(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return this.streams.get(stream)?.groups.get(group)?.lag ?? 0;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  /** Stops every consumer (letting running handlers finish) and ends every live subscription. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    const consumers = [...this.consumers];
    this.consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    for (const { subscribers } of this.streams.values()) {
      for (const subscriber of subscribers) subscriber.end();
      subscribers.clear();
    }
  }

  private state(stream: string): StreamState {
    let state = this.streams.get(stream);
    if (!state) {
      const log = new InProcessStreamLog(stream, this.options.maxRetainedPerStream ?? 10_000);
      state = { log, subscribers: new Set(), groups: new Map(), deadLetters: new Map() };
      this.streams.set(stream, state);
    }
    return state;
  }

  private deadLetters(state: StreamState, group: string): InProcessDeadLetters {
    let letters = state.deadLetters.get(group);
    if (!letters) {
      letters = new InProcessDeadLetters(group);
      state.deadLetters.set(group, letters);
    }
    return letters;
  }

  /** Admin calls read without creating state for streams or groups nobody consumes. */
  private existingDeadLetters(stream: string, group: string): InProcessDeadLetters | undefined {
    return this.streams.get(stream)?.deadLetters.get(group);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }
}
