import type { BusEvent, ConsumeOptions, ConsumerHandle, EventBus, PublishInput } from './event-bus.js';
import type { Logger } from '../logger.js';
import { defaultConsumerName } from './default-consumer-name.js';
import { InProcessConsumer } from './in-process-consumer.js';
import { InProcessConsumerGroup } from './in-process-consumer-group.js';
import { InProcessStreamLog } from './in-process-stream-log.js';
import { prepareEvent } from './prepare-event.js';
import { createPushIterator, type PushIterator } from './push-iterator.js';

export interface InProcessEventBusOptions {
  logger: Logger;
  /**
   * Events kept per stream for groups created later with `startFrom: '0'`.
   * @default 10_000
   */
  maxRetainedPerStream?: number;
  /**
   * Redelivery delay when `consume()` does not set one; short because nothing else can crash in between.
   * @default 1000
   */
  redeliverAfterMs?: number;
}

interface StreamState {
  log: InProcessStreamLog;
  subscribers: Set<PushIterator<BusEvent>>;
  groups: Map<string, InProcessConsumerGroup>;
}

/** The embedded single-process transport: same contract as Redis Streams, state lives (and dies) with the process. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly streams = new Map<string, StreamState>();
  private readonly consumers = new Set<InProcessConsumer>();
  private closed = false;

  constructor(private readonly options: InProcessEventBusOptions) {}

  async publish<TPayload>(stream: string, input: PublishInput<TPayload>): Promise<BusEvent<TPayload>> {
    this.assertOpen();
    const state = this.state(stream);
    const event = state.log.append(prepareEvent(input));
    for (const subscriber of state.subscribers) subscriber.push(event);
    for (const group of state.groups.values()) group.notify();
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

  async consume(stream: string, group: string, handler: (event: BusEvent) => Promise<void>, options: ConsumeOptions = {}): Promise<ConsumerHandle> {
    this.assertOpen();
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
      redeliverAfterMs: options.redeliverAfterMs ?? this.options.redeliverAfterMs ?? 1000,
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

  async ping(): Promise<void> {
    this.assertOpen();
  }

  /** Stops every consumer (letting running handlers finish) and ends every live subscription. */
  async close(): Promise<void> {
    this.closed = true;
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
      state = { log: new InProcessStreamLog(stream, this.options.maxRetainedPerStream ?? 10_000), subscribers: new Set(), groups: new Map() };
      this.streams.set(stream, state);
    }
    return state;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }
}
