import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { abortablePause } from '../../async/abortable-pause.js';
import { busMetrics } from '../bus-metrics.js';
import type { BusEvent, ConsumerHandle } from '../event-bus.js';
import { RedisDeliverySettler } from './delivery-settler.js';
import { fromStreamEntry } from './event-fields.js';
import { redisGroupLag } from './group-lag.js';
import { deadLetterKey } from './keys.js';
import { RedisReclaimer, type ClaimedEntry } from './reclaimer.js';
import type { RetryPolicy } from '../retry-policy.js';
import { ThrottledRefresh } from '../throttled-refresh.js';

const RETRY_BACKOFF_MS = 500;
const GAUGE_REFRESH_MS = 1000;
/** Waking a little after a retry is due absorbs millisecond rounding between our clock and Redis' idle times. */
const WAKE_SLACK_MS = 2;

type XReadGroupReply = [stream: string, entries: [id: string, fields: string[]][]][] | null;

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
  retry: RetryPolicy;
  handler: (event: BusEvent) => Promise<void>;
  logger: Logger;
}

/**
 * One member of a Redis consumer group: reads new entries, acks on success, retries failures after their backoff,
 * dead-letters them after `maxAttempts`, and reclaims entries other consumers left idle too long.
 */
export class RedisStreamConsumer implements ConsumerHandle {
  private stopped = false;
  private groupReady = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  /** Both the longest XREADGROUP block and how often XAUTOCLAIM runs, so crash takeovers are not later than about 1.5× the delay. */
  private readonly pollMs: number;
  private readonly settler: RedisDeliverySettler;
  private readonly reclaimer: RedisReclaimer;
  private readonly gauges: ThrottledRefresh;
  /** When this consumer's own failures become due: it wakes up for them instead of waiting for the next poll. */
  private retryTimes: number[] = [];

  private constructor(private readonly options: RedisStreamConsumerOptions) {
    const { commands, stream, group, consumer, redeliverAfterMs: claimIdleMs, batchSize, retry, logger } = options;
    this.pollMs = Math.round(Math.min(1000, Math.max(50, claimIdleMs / 2)));
    this.settler = new RedisDeliverySettler({ commands, stream, group, consumer, claimIdleMs, retry, logger });
    this.reclaimer = new RedisReclaimer({ commands, stream, group, consumer, claimIdleMs, batchSize });
    this.gauges = new ThrottledRefresh(
      GAUGE_REFRESH_MS,
      () => this.refreshGauges(),
      (err) => logger.debug({ err, stream, group }, 'could not refresh the bus gauges'),
    );
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
        if (Date.now() >= Math.min(nextReclaimAt, this.nextOwnRetryAt())) {
          nextReclaimAt = Date.now() + this.pollMs;
          await this.reclaim();
        }
        await this.gauges.maybeRun();
        if (this.stopped) break;
        const blockMs = Math.max(1, Math.min(nextReclaimAt, this.nextOwnRetryAt()) - Date.now());
        const reply = (await connection.xreadgroup(
          'GROUP',
          group,
          consumer,
          'COUNT',
          batchSize,
          'BLOCK',
          blockMs,
          'STREAMS',
          stream,
          '>',
        )) as XReadGroupReply;
        for (const [, entries] of reply ?? []) await this.handleAll(entries.map(([id, fields]) => ({ id, fields, attempt: 1 })));
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

  private nextOwnRetryAt(): number {
    return this.retryTimes.length === 0 ? Infinity : Math.min(...this.retryTimes);
  }

  private async reclaim(): Promise<void> {
    // Whatever is due now is found by this pass, whoever ends up handling it.
    const now = Date.now();
    this.retryTimes = this.retryTimes.filter((at) => at > now);
    for await (const batch of this.reclaimer.due()) {
      await this.handleAll(batch);
      if (this.stopped) return;
    }
  }

  /** Sequential on purpose: one event at a time per consumer; what stop() interrupts goes straight back to the group. */
  private async handleAll(entries: ClaimedEntry[]): Promise<void> {
    for (const [index, entry] of entries.entries()) {
      if (this.stopped) return this.settler.release(entries.slice(index));
      await this.handle(entry);
    }
  }

  private async handle({ id, fields, attempt }: ClaimedEntry): Promise<void> {
    const { commands, stream, group, consumer, handler, retry, logger } = this.options;
    // Redis 6.2 reports entries trimmed away while pending as null; acking drops them from the pending list.
    if (fields === null) return void (await commands.xack(stream, group, id));
    let event: BusEvent;
    try {
      event = fromStreamEntry(stream, id, fields);
    } catch (err) {
      logger.error({ err, stream, group, id }, 'acknowledging a stream entry that is not a bus event so it is not redelivered forever');
      return void (await commands.xack(stream, group, id));
    }
    // Delivered before without an outcome: its consumers crashed or were killed while (or before) handling it. Giving
    // up keeps an event that takes its consumer down from crash-looping the whole group.
    if (attempt > retry.maxAttempts) {
      const attempts = attempt - 1;
      logger.error({ stream, group, consumer, eventId: event.eventId, attempts }, 'event was never settled; moving it to the dead letters');
      const message = `delivered ${attempts} times without being acknowledged or failing: its consumers stopped or crashed while handling it`;
      return this.settler.deadLetter(event, attempts, { name: 'DeliveriesExhausted', message });
    }
    try {
      await handler(event);
    } catch (err) {
      const retryInMs = await this.settler.fail(event, attempt, err);
      if (retryInMs !== undefined) this.retryTimes.push(Date.now() + retryInMs + WAKE_SLACK_MS);
      return;
    }
    await this.settler.ack(id, attempt);
  }

  private async refreshGauges(): Promise<void> {
    const { commands, stream, group } = this.options;
    const labels = { stream, group };
    const [lag, deadLetters] = await Promise.all([redisGroupLag(commands, stream, group), commands.xlen(deadLetterKey(stream, group))]);
    busMetrics().lag.set(labels, lag);
    busMetrics().deadLetters.set(labels, deadLetters);
  }
}
