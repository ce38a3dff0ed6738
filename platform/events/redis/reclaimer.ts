import type { Redis } from 'ioredis';
import { retryScheduleKey } from './keys.js';

/** An entry this consumer now owns, with the delivery it is about to get counted. */
export interface ClaimedEntry {
  id: string;
  /** Null when the entry was trimmed from the stream while pending (Redis 6.2); acknowledge and move on. */
  fields: string[] | null;
  /** 1-based; XPENDING's delivery count, which every claim for delivery increments. */
  attempt: number;
}

export interface RedisReclaimerOptions {
  commands: Redis;
  stream: string;
  group: string;
  consumer: string;
  claimIdleMs: number;
  batchSize: number;
}

type AutoClaimJustIdReply = [nextCursor: string, ids: string[], deletedIds?: string[]];
type ClaimReply = [id: string, fields: string[] | null][];
type PendingReply = [id: string, consumer: string, idleMs: number, deliveries: number][];

/**
 * Finds pending entries that are due again: failed ones whose backoff is over and ones a crashed (or very slow)
 * consumer left idle for `claimIdleMs`. XAUTOCLAIM runs with JUSTID so that merely looking does not count as a delivery;
 * entries whose scheduled retry is still ahead are given back a matching idle time and left alone.
 */
export class RedisReclaimer {
  private readonly scheduleKey: string;

  constructor(private readonly options: RedisReclaimerOptions) {
    this.scheduleKey = retryScheduleKey(options.stream, options.group);
  }

  /** Batches of due entries, claimed for this consumer; stop iterating to leave the rest for the next pass. */
  async *due(): AsyncGenerator<ClaimedEntry[]> {
    const { commands, stream, group, consumer, claimIdleMs, batchSize } = this.options;
    let cursor = '0-0';
    do {
      const [next, ids, deleted = []] = (await commands.xautoclaim(
        stream,
        group,
        consumer,
        claimIdleMs,
        cursor,
        'COUNT',
        batchSize,
        'JUSTID',
      )) as AutoClaimJustIdReply;
      cursor = next;
      if (deleted.length > 0) await commands.zrem(this.scheduleKey, ...deleted);
      if (ids.length === 0) continue;
      const dueIds = await this.postponeEarly(ids);
      if (dueIds.length > 0) yield await this.claimForDelivery(dueIds);
    } while (cursor !== '0-0');
  }

  /** Returns the IDs whose retry time has come; the others get an idle time that makes them claimable when it does. */
  private async postponeEarly(ids: string[]): Promise<string[]> {
    const { commands, stream, group, consumer, claimIdleMs } = this.options;
    const retryAts = await commands.zmscore(this.scheduleKey, ...ids);
    const now = Date.now();
    const due: string[] = [];
    const postponing = commands.pipeline();
    ids.forEach((id, i) => {
      const retryAt = retryAts[i] == null ? 0 : Number(retryAts[i]);
      if (retryAt <= now) due.push(id);
      else postponing.xclaim(stream, group, consumer, 0, id, 'IDLE', Math.max(0, claimIdleMs - (retryAt - now)), 'JUSTID');
    });
    if (postponing.length > 0) await postponing.exec();
    return due;
  }

  private async claimForDelivery(ids: string[]): Promise<ClaimedEntry[]> {
    const { commands, stream, group, consumer } = this.options;
    const pipeline = commands.pipeline().xclaim(stream, group, consumer, 0, ...ids);
    for (const id of ids) pipeline.xpending(stream, group, id, id, 1);
    const [[claimError, claimed], ...pending] = (await pipeline.exec())!;
    if (claimError) throw claimError;
    const deliveries = new Map<string, number>();
    for (const [err, reply] of pending) {
      const [row] = err ? [] : (reply as PendingReply);
      if (row) deliveries.set(row[0], row[3]);
    }
    // XCLAIM leaves out entries deleted from the stream meanwhile (Redis 7 also drops them from the pending list).
    return (claimed as ClaimReply).map(([id, fields]) => ({ id, fields, attempt: deliveries.get(id) ?? 1 }));
  }
}
