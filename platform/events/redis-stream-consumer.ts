import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { abortablePause } from './abortable-pause.js';
import type { BusEvent, ConsumerHandle } from './event-bus.js';
import { fromStreamEntry } from './redis-event-fields.js';

const RETRY_BACKOFF_MS = 500;

type StreamEntry = [id: string, fields: string[] | null];
type XReadGroupReply = [stream: string, entries: StreamEntry[]][] | null;
type XAutoClaimReply = [nextCursor: string, entries: StreamEntry[], deletedIds?: string[]];

export interface RedisStreamConsumerOptions {
  /** Shared, non-blocking: group creation, XAUTOCLAIM and XACK (so an ack still works while `connection` is dropped). */
  commands: Redis;
  /** Dedicated to this consumer's XREADGROUP BLOCK; dropped on stop. */
  connection: Redis;
  stream: string;
  group: string;
  consumer: string;
  startFrom: '$' | '0';
  redeliverAfterMs: number;
  batchSize: number;
  handler: (event: BusEvent) => Promise<void>;
  logger: Logger;
}

/** One member of a Redis consumer group: reads new entries, acks on success, and reclaims entries left idle too long. */
export class RedisStreamConsumer implements ConsumerHandle {
  private stopped = false;
  private groupReady = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  /** Both how long XREADGROUP blocks and how often XAUTOCLAIM runs, so retries are not later than about 1.5× the delay. */
  private readonly pollMs: number;

  private constructor(private readonly options: RedisStreamConsumerOptions) {
    this.pollMs = Math.round(Math.min(1000, Math.max(50, options.redeliverAfterMs / 2)));
  }

  /** Resolves once the group exists, so events published afterwards reach it even with `startFrom: '$'`. */
  static async start(options: RedisStreamConsumerOptions): Promise<RedisStreamConsumer> {
    const consumer = new RedisStreamConsumer(options);
    try {
      await consumer.ensureGroup();
    } catch (err) {
      options.connection.disconnect();
      throw err;
    }
    consumer.loop = consumer.run();
    return consumer;
  }

  /** Prompt: drops the blocking connection instead of waiting out BLOCK; a handler already running is awaited and acked. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.abort.abort();
      this.options.connection.disconnect();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    const { connection, stream, group, consumer, batchSize, logger } = this.options;
    // Reclaim at once: a predecessor that crashed may have left entries pending.
    let nextReclaimAt = 0;
    while (!this.stopped) {
      try {
        if (!this.groupReady) await this.ensureGroup();
        if (Date.now() >= nextReclaimAt) {
          await this.reclaimIdleEntries();
          nextReclaimAt = Date.now() + this.pollMs;
        }
        if (this.stopped) break;
        const reply = (await connection.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', this.pollMs, 'STREAMS', stream, '>')) as XReadGroupReply;
        for (const [, entries] of reply ?? []) await this.handleAll(entries);
      } catch (err) {
        if (this.stopped) break;
        // The stream or group was deleted under us (e.g. DEL, FLUSHDB); recreate it rather than fail forever.
        if (err instanceof Error && err.message.startsWith('NOGROUP')) this.groupReady = false;
        logger.warn({ err, stream, group, consumer }, 'event consumer loop failed; retrying');
        await abortablePause(RETRY_BACKOFF_MS, this.abort.signal);
      }
    }
  }

  private async ensureGroup(): Promise<void> {
    const { commands, stream, group, startFrom } = this.options;
    try {
      await commands.xgroup('CREATE', stream, group, startFrom, 'MKSTREAM');
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
    }
    this.groupReady = true;
  }

  /** Takes over entries (this consumer's failures or a dead consumer's leftovers) idle for `redeliverAfterMs`. */
  private async reclaimIdleEntries(): Promise<void> {
    const { commands, stream, group, consumer, redeliverAfterMs, batchSize } = this.options;
    let cursor = '0-0';
    do {
      const [next, entries] = (await commands.xautoclaim(stream, group, consumer, redeliverAfterMs, cursor, 'COUNT', batchSize)) as XAutoClaimReply;
      await this.handleAll(entries);
      cursor = next;
    } while (cursor !== '0-0' && !this.stopped);
  }

  /** Sequential on purpose: one event at a time per consumer; entries not reached before stop stay pending for others. */
  private async handleAll(entries: StreamEntry[]): Promise<void> {
    for (const [id, fields] of entries) {
      if (this.stopped) return;
      await this.handle(id, fields);
    }
  }

  private async handle(id: string, fields: string[] | null): Promise<void> {
    const { commands, stream, group, consumer, handler, logger } = this.options;
    // Redis 6.2 reports entries trimmed away while pending as null; acking drops them from the pending list.
    if (fields === null) return void (await commands.xack(stream, group, id));
    let event: BusEvent;
    try {
      event = fromStreamEntry(stream, id, fields);
    } catch (err) {
      logger.error({ err, stream, group, id }, 'acknowledging a stream entry that is not a bus event so it is not redelivered forever');
      return void (await commands.xack(stream, group, id));
    }
    try {
      await handler(event);
    } catch (err) {
      logger.warn({ err, stream, group, consumer, eventId: event.eventId }, 'event handler failed; left pending for redelivery');
      return;
    }
    await commands.xack(stream, group, id);
  }
}
