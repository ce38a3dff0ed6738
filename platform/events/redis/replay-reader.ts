import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { abortablePause } from '../../async/abortable-pause.js';
import { createPushIterator } from '../../async/push-iterator.js';
import type { BusEvent } from '../event-bus.js';
import { openBlockingConnection } from './connections.js';
import { fromStreamEntry } from './event-fields.js';

const BATCH_SIZE = 500;
const BLOCK_MS = 5000;
const RETRY_BACKOFF_MS = 500;

type XReadReply = [stream: string, entries: [id: string, fields: string[]][]][] | null;

export interface RedisReplayOptions {
  commands: Redis;
  logger: Logger;
  stream: string;
  /** Entry ID to start after; `0-0` replays the whole stream. */
  after: string;
  /** Called once the replay stops (reader left, or the bus closes). */
  onStopped(): void;
}

/**
 * One reader's replay-then-follow of a stream: what is retained is read with plain XREAD on the shared command
 * connection (no connection to open before the first events), then a dedicated connection waits in XREAD BLOCK from
 * the last ID seen. Entry IDs are the sequence, so the switch from replay to live can neither skip nor repeat.
 */
export function redisReplay(options: RedisReplayOptions): { iterator: AsyncIterableIterator<BusEvent>; stop(): void } {
  const { commands, logger, stream } = options;
  const abort = new AbortController();
  let blocking: Redis | undefined;
  const stop = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    blocking?.disconnect();
    output.end();
    options.onStopped();
  };
  const output = createPushIterator<BusEvent>({
    onReturn: stop,
    maxBuffered: 100_000,
    onOverflow: () => logger.warn({ stream }, 'replay reader is not keeping up; dropping its oldest events'),
  });
  const read = async (connection: Redis, lastId: string, block: boolean): Promise<{ lastId: string; count: number }> => {
    const reply = (
      block
        ? await connection.xread('COUNT', BATCH_SIZE, 'BLOCK', BLOCK_MS, 'STREAMS', stream, lastId)
        : await connection.xread('COUNT', BATCH_SIZE, 'STREAMS', stream, lastId)
    ) as XReadReply;
    let count = 0;
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        lastId = id;
        count += 1;
        try {
          output.push(fromStreamEntry(stream, id, fields));
        } catch (err) {
          logger.error({ err, stream, id }, 'skipping a stream entry that is not a bus event');
        }
      }
    }
    return { lastId, count };
  };
  void (async () => {
    let lastId = options.after;
    while (!abort.signal.aborted) {
      try {
        if (!blocking) {
          const replayed = await read(commands, lastId, false);
          lastId = replayed.lastId;
          if (replayed.count === BATCH_SIZE || abort.signal.aborted) continue;
          blocking = openBlockingConnection(commands, logger, `ragline:events:replay:${stream}`);
        }
        ({ lastId } = await read(blocking, lastId, true));
      } catch (err) {
        if (abort.signal.aborted) break;
        logger.warn({ err, stream }, 'replay reader failed; retrying');
        await abortablePause(RETRY_BACKOFF_MS, abort.signal);
      }
    }
  })();
  return { iterator: output.iterator, stop };
}
