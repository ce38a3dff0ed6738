import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { abortablePause } from '../../async/abortable-pause.js';
import type { LiveSubscription } from './live-subscription.js';
import { fromStreamEntry } from './event-fields.js';

const BLOCK_MS = 5000;
const RETRY_BACKOFF_MS = 500;
const BATCH_SIZE = 100;

type XReadReply = [stream: string, entries: [id: string, fields: string[]][]][] | null;

export interface RedisLiveReaderOptions {
  /** Dedicated to this reader: it sits in XREAD BLOCK and is dropped on stop. */
  connection: Redis;
  stream: string;
  /** Last entry ID when the first subscriber arrived; `undefined` if unknown, then the reader starts at `$`. */
  startAfter: Promise<string | undefined>;
  logger: Logger;
  /** Called once the last subscriber has left, so the bus can forget this reader. */
  onStopped(): void;
}

/** The single XREAD loop for one stream in this process, fanning entries out to every local subscriber. */
export class RedisLiveReader {
  private readonly subscriptions = new Set<LiveSubscription>();
  private readonly abort = new AbortController();
  private stopped = false;
  readonly finished: Promise<void>;

  constructor(private readonly options: RedisLiveReaderOptions) {
    this.finished = this.run();
  }

  add(subscription: LiveSubscription): void {
    this.subscriptions.add(subscription);
  }

  remove(subscription: LiveSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stop();
  }

  /** Disconnecting (not QUIT, which would queue behind the BLOCK) makes the pending XREAD fail at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.options.connection.disconnect();
    this.subscriptions.forEach((subscription) => subscription.end());
    this.subscriptions.clear();
    this.options.onStopped();
  }

  private async run(): Promise<void> {
    const { connection, stream, logger } = this.options;
    let lastId = (await this.options.startAfter) ?? '$';
    while (!this.stopped) {
      try {
        const reply = (await connection.xread('COUNT', BATCH_SIZE, 'BLOCK', BLOCK_MS, 'STREAMS', stream, lastId)) as XReadReply;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            this.fanOut(stream, id, fields);
          }
        }
      } catch (err) {
        if (this.stopped) break;
        logger.warn({ err, stream }, 'live stream reader failed; retrying');
        await abortablePause(RETRY_BACKOFF_MS, this.abort.signal);
      }
    }
  }

  private fanOut(stream: string, id: string, fields: string[]): void {
    try {
      const event = fromStreamEntry(stream, id, fields);
      this.subscriptions.forEach((subscription) => subscription.offer(event));
    } catch (err) {
      this.options.logger.error({ err, stream, id }, 'skipping a stream entry that is not a bus event');
    }
  }
}
