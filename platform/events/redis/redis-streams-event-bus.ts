import { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { defaultConsumerName } from '../default-consumer-name.js';
import { busMetrics } from '../bus-metrics.js';
import type { BusEvent, ConsumeOptions, ConsumerHandle, DeadLetter, EventBus, ListDeadLettersOptions, PublishInput } from '../event-bus.js';
import { prepareEvent } from '../prepare-event.js';
import { createPushIterator } from '../../async/push-iterator.js';
import { logConnectionErrors, openBlockingConnection, quitOrDisconnect } from './connections.js';
import { RedisDeadLetters } from './dead-letters.js';
import { fromStreamEntry, toStreamFields } from './event-fields.js';
import { redisGroupLag } from './group-lag.js';
import { RedisLiveReader } from './live-reader.js';
import { redisReplay } from './replay-reader.js';
import { LiveSubscription } from './live-subscription.js';
import { RedisStreamConsumer } from './stream-consumer.js';
import { resolveRetryPolicy } from '../retry-policy.js';

export interface RedisStreamsEventBusOptions {
  redisUrl: string;
  logger: Logger;
  /**
   * Approximate number of entries kept per stream (XADD MAXLEN ~); bounds memory and what `startFrom: '0'` can replay.
   * @default 100_000
   */
  maxLen?: number;
  /**
   * Takeover delay for unsettled deliveries when `consume()` does not set one; long enough that a slow handler is not
   * duplicated. Every consumer of a group should use the same value: it is also the window retries are scheduled in.
   * @default 5000
   */
  redeliverAfterMs?: number;
  /**
   * Entries fetched per XREADGROUP / XAUTOCLAIM call.
   * @default 10
   */
  batchSize?: number;
  /**
   * How long `ping()` waits before reporting Redis as unreachable (ioredis would otherwise queue the PING).
   * @default 2000
   */
  pingTimeoutMs?: number;
}

/** The multi-process transport: streams and consumer groups live in Redis, so they survive restarts of any service. */
export class RedisStreamsEventBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly commands: Redis;
  private readonly readers = new Map<string, RedisLiveReader>();
  private readonly consumers = new Set<RedisStreamConsumer>();
  private readonly replays = new Set<() => void>();
  private readonly deadLetters: RedisDeadLetters;
  private closed = false;

  constructor(private readonly options: RedisStreamsEventBusOptions) {
    this.commands = logConnectionErrors(new Redis(options.redisUrl, { connectionName: 'ragline:events' }), options.logger, 'events');
    this.deadLetters = new RedisDeadLetters(this.commands, options.maxLen ?? 100_000, options.logger);
  }

  async publish<TPayload>(stream: string, input: PublishInput<TPayload>): Promise<BusEvent<TPayload>> {
    this.assertOpen();
    const prepared = prepareEvent(input);
    const id = await this.commands.xadd(stream, 'MAXLEN', '~', this.options.maxLen ?? 100_000, '*', ...toStreamFields(prepared));
    if (id === null) throw new Error(`XADD to ${stream} returned no entry ID`);
    busMetrics().published.inc({ stream });
    return { id, stream, ...prepared };
  }

  subscribe(stream: string): AsyncIterableIterator<BusEvent> {
    this.assertOpen();
    // Asked on the publishing connection, so every publish() made after this call gets a later ID; an XREAD from `$`
    // on a connection still being opened could miss them.
    const cutoff = this.lastEntryId(stream);
    const reader = this.readers.get(stream) ?? this.startReader(stream, cutoff);
    const output = createPushIterator<BusEvent>({
      onReturn: () => reader.remove(subscription),
      onOverflow: () => this.options.logger.warn({ stream }, 'live subscriber is not keeping up; dropping its oldest events'),
    });
    const subscription = new LiveSubscription(output, cutoff);
    reader.add(subscription);
    return output.iterator;
  }

  replay(stream: string, options: { after?: string } = {}): AsyncIterableIterator<BusEvent> {
    this.assertOpen();
    const replay = redisReplay({
      commands: this.commands,
      logger: this.options.logger,
      stream,
      after: options.after ?? '0-0',
      onStopped: () => this.replays.delete(replay.stop),
    });
    this.replays.add(replay.stop);
    return replay.iterator;
  }

  async retained(stream: string, limit: number): Promise<BusEvent[]> {
    this.assertOpen();
    const entries = (await this.commands.xrange(stream, '-', '+', 'COUNT', limit)) as [id: string, fields: string[]][];
    return entries.flatMap(([id, fields]) => {
      try {
        return [fromStreamEntry(stream, id, fields)];
      } catch (err) {
        this.options.logger.error({ err, stream, id }, 'skipping a stream entry that is not a bus event');
        return [];
      }
    });
  }

  async expire(stream: string, ttlMs: number): Promise<void> {
    this.assertOpen();
    await this.commands.pexpire(stream, ttlMs);
  }

  async consume(
    stream: string,
    group: string,
    handler: (event: BusEvent) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<ConsumerHandle> {
    this.assertOpen();
    const retry = resolveRetryPolicy(options);
    const consumerName = options.consumer ?? defaultConsumerName();
    const consumer = await RedisStreamConsumer.start({
      commands: this.commands,
      connection: openBlockingConnection(this.commands, this.options.logger, `ragline:events:consumer:${group}:${consumerName}`),
      stream,
      group,
      consumer: consumerName,
      startFrom: options.startFrom ?? '$',
      redeliverAfterMs: options.redeliverAfterMs ?? this.options.redeliverAfterMs ?? 5000,
      batchSize: this.options.batchSize ?? 10,
      retry,
      handler,
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
    return this.deadLetters.list(stream, group, options);
  }

  async reprocessDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean> {
    this.assertOpen();
    return this.deadLetters.reprocess(stream, group, deadLetterId);
  }

  async reprocessAllDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return this.deadLetters.reprocessAll(stream, group);
  }

  async discardDeadLetter(stream: string, group: string, deadLetterId: string): Promise<boolean> {
    this.assertOpen();
    return this.deadLetters.discard(stream, group, deadLetterId);
  }

  async discardAllDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return this.deadLetters.discardAll(stream, group);
  }

  async countDeadLetters(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return this.deadLetters.count(stream, group);
  }

  async groupLag(stream: string, group: string): Promise<number> {
    this.assertOpen();
    return redisGroupLag(this.commands, stream, group);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const timeoutMs = this.options.pingTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.commands.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops consumers (running handlers finish and are acked), ends live subscriptions, then closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const consumers = [...this.consumers];
    this.consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    [...this.replays].forEach((stop) => stop());
    const readers = [...this.readers.values()];
    readers.forEach((reader) => reader.stop());
    await Promise.all(readers.map((reader) => reader.finished));
    await quitOrDisconnect(this.commands);
  }

  private startReader(stream: string, startAfter: Promise<string | undefined>): RedisLiveReader {
    const reader: RedisLiveReader = new RedisLiveReader({
      connection: openBlockingConnection(this.commands, this.options.logger, `ragline:events:live:${stream}`),
      stream,
      startAfter,
      logger: this.options.logger,
      onStopped: () => {
        if (this.readers.get(stream) === reader) this.readers.delete(stream);
      },
    });
    this.readers.set(stream, reader);
    return reader;
  }

  private async lastEntryId(stream: string): Promise<string | undefined> {
    try {
      const [last] = await this.commands.xrevrange(stream, '+', '-', 'COUNT', 1);
      // An empty or missing stream: every later entry is newer than 0-0.
      return last?.[0] ?? '0-0';
    } catch (err) {
      this.options.logger.warn({ err, stream }, 'could not read the stream position for a live subscription; starting at $');
      return undefined;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }
}
