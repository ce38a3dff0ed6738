import type { Redis } from 'ioredis';

/** Above this many unread entries the fallback stops counting and answers XLEN, an upper bound. */
const FALLBACK_COUNT_LIMIT = 1000;

/** Counts in Redis so only a number crosses the network, not up to a thousand payloads. */
const COUNT_AFTER_SCRIPT = `return #redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])`;

/**
 * Entries not yet delivered to the group. Redis 7 computes this (`lag` in XINFO GROUPS) but answers null once entries
 * were deleted (XDEL) in the range it would have to count, and Redis 6.2 has no such field; then count what follows the
 * group's last-delivered ID, or fall back to XLEN when that is long. 0 when the stream or the group does not exist.
 */
export async function redisGroupLag(commands: Redis, stream: string, group: string): Promise<number> {
  let groups: unknown[][];
  try {
    groups = (await commands.xinfo('GROUPS', stream)) as unknown[][];
  } catch (err) {
    if (err instanceof Error && /no such key/i.test(err.message)) return 0;
    throw err;
  }
  const info = groups.map(toRecord).find((candidate) => candidate.name === group);
  if (!info) return 0;
  if (typeof info.lag === 'number') return info.lag;
  const counted = (await commands.eval(
    COUNT_AFTER_SCRIPT,
    1,
    stream,
    `(${String(info['last-delivered-id'])}`,
    FALLBACK_COUNT_LIMIT,
  )) as number;
  return counted < FALLBACK_COUNT_LIMIT ? counted : commands.xlen(stream);
}

/** XINFO answers flat `[name, value, name, value, …]` lists. */
function toRecord(flat: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = flat[i + 1];
  return record;
}
