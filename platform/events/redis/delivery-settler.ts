import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { busMetrics } from '../bus-metrics.js';
import type { BusEvent } from '../event-bus.js';
import { describeHandlerFailure, type HandlerFailure } from '../handler-failure.js';
import { toDeadLetterFields } from './dead-letter-fields.js';
import { deadLetterKey, retryScheduleKey } from './keys.js';
import { decideAfterFailure, type RetryPolicy } from '../retry-policy.js';

export interface RedisDeliverySettlerOptions {
  commands: Redis;
  stream: string;
  group: string;
  consumer: string;
  /** The XAUTOCLAIM min-idle-time every consumer of the group uses (`redeliverAfterMs`). */
  claimIdleMs: number;
  retry: RetryPolicy;
  logger: Logger;
}

type ExecReply = [Error | null, unknown][] | null;

/**
 * Ends or postpones a delivery. A failed entry stays pending in the group (its delivery count is the attempt count)
 * and is made to look idle for exactly `claimIdleMs - delay` (XCLAIM IDLE): the group's next XAUTOCLAIM after the
 * delay, by any consumer, hands it out again. Backoffs longer than `claimIdleMs` cannot be expressed that way, so the
 * retry time also goes into a sorted set that reclaimers check before delivering (see RedisReclaimer).
 */
export class RedisDeliverySettler {
  private readonly labels: { stream: string; group: string };

  constructor(private readonly options: RedisDeliverySettlerOptions) {
    this.labels = { stream: options.stream, group: options.group };
  }

  async ack(id: string, attempt: number): Promise<void> {
    const { commands, stream, group } = this.options;
    // Only a retried entry can have a schedule entry; skip the extra command on the common path.
    if (attempt > 1) check(await commands.multi().xack(stream, group, id).zrem(retryScheduleKey(stream, group), id).exec());
    else await commands.xack(stream, group, id);
    busMetrics().handled.inc({ ...this.labels, outcome: 'ok' });
  }

  /** Returns the backoff in ms when the event will be retried, undefined when it was dead-lettered. */
  async fail(event: BusEvent, attempt: number, err: unknown): Promise<number | undefined> {
    const { commands, stream, group, consumer, claimIdleMs, retry, logger } = this.options;
    const log = { err, stream, group, consumer, eventId: event.eventId, attempt };
    const decision = decideAfterFailure(attempt, retry);
    if (decision.kind === 'dead') {
      logger.error(log, 'event handler failed for the last time; moving the event to the dead letters');
      await this.deadLetter(event, attempt, describeHandlerFailure(err));
      return undefined;
    }
    logger.warn({ ...log, retryInMs: decision.delayMs }, 'event handler failed; will retry');
    const idle = Math.max(0, claimIdleMs - decision.delayMs);
    check(
      await commands
        .multi()
        .zadd(retryScheduleKey(stream, group), Date.now() + decision.delayMs, event.id)
        .xclaim(stream, group, consumer, 0, event.id, 'IDLE', idle, 'JUSTID')
        .exec(),
    );
    busMetrics().handled.inc({ ...this.labels, outcome: 'retry' });
    return decision.delayMs;
  }

  /** Atomically: the dead letter is written and the entry acknowledged, or neither (and it is retried). */
  async deadLetter(event: BusEvent, attempts: number, error: HandlerFailure): Promise<void> {
    const { commands, stream, group } = this.options;
    const key = deadLetterKey(stream, group);
    const fields = toDeadLetterFields(event, { group, attempts, error, diedAt: new Date().toISOString() });
    const reply = check(
      await commands
        .multi()
        .xadd(key, '*', ...fields)
        .xack(stream, group, event.id)
        .zrem(retryScheduleKey(stream, group), event.id)
        .xlen(key)
        .exec(),
    );
    busMetrics().handled.inc({ ...this.labels, outcome: 'dead' });
    busMetrics().deadLetters.set(this.labels, reply[3]![1] as number);
  }

  /**
   * Hands entries fetched but not reached before stop() straight back to the group: made idle so the next XAUTOCLAIM
   * takes them, with their delivery count lowered so the fetch does not count as an attempt.
   */
  async release(entries: { id: string; attempt: number }[]): Promise<void> {
    const { commands, stream, group, consumer, claimIdleMs, logger } = this.options;
    if (entries.length === 0) return;
    const pipeline = commands.pipeline();
    for (const { id, attempt } of entries)
      pipeline.xclaim(stream, group, consumer, 0, id, 'IDLE', claimIdleMs, 'RETRYCOUNT', attempt - 1, 'JUSTID');
    try {
      check(await pipeline.exec());
    } catch (err) {
      logger.warn(
        { err, stream, group, consumer, count: entries.length },
        'could not release unhandled entries; they will be reclaimed later',
      );
    }
  }
}

/** MULTI/pipeline report per-command errors in the reply instead of rejecting. */
function check(reply: ExecReply): [Error | null, unknown][] {
  if (reply === null) throw new Error('Redis transaction was aborted');
  const failed = reply.find(([err]) => err !== null);
  if (failed) throw failed[0];
  return reply;
}
