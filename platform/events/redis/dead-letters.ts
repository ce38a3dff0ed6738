import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { busMetrics } from '../bus-metrics.js';
import type { DeadLetter, ListDeadLettersOptions } from '../event-bus.js';
import { fromDeadLetterEntry } from './dead-letter-fields.js';
import { deadLetterKey } from './keys.js';

const PAGE_SIZE = 100;
const STREAM_ID = /^\d+-\d+$/;

/**
 * Moves one dead letter back to its source stream. A script, so two admins reprocessing the same letter cannot both
 * re-publish it, and a crash cannot delete it without re-publishing. Only the event's own fields are copied.
 * KEYS: dead-letter stream, source stream. ARGV: dead letter ID, source MAXLEN. Returns { new entry ID, letters left }.
 */
const REPROCESS_SCRIPT = `
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entries == 0 then return false end
local fields = entries[1][2]
local values = {}
for i = 1, #fields, 2 do values[fields[i]] = fields[i + 1] end
for _, name in ipairs({'eventId', 'type', 'tenantId', 'occurredAt', 'payload'}) do
  if values[name] == nil then return redis.error_reply('dead letter ' .. ARGV[1] .. ' has no ' .. name .. ' field') end
end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*',
  'eventId', values.eventId, 'type', values.type, 'tenantId', values.tenantId, 'occurredAt', values.occurredAt, 'payload', values.payload)
redis.call('XDEL', KEYS[1], ARGV[1])
return {id, redis.call('XLEN', KEYS[1])}
`;

/** DEL rather than XDEL one by one; counted in the same step so letters arriving meanwhile are neither lost nor miscounted. */
const DISCARD_ALL_SCRIPT = `
local count = redis.call('XLEN', KEYS[1])
redis.call('DEL', KEYS[1])
return count
`;

/** Dead-letter administration. Letters live in the stream `<stream>:dead:<group>`, written by the group's consumers. */
export class RedisDeadLetters {
  constructor(
    private readonly commands: Redis,
    private readonly maxLen: number,
    private readonly logger: Logger,
  ) {}

  async list(stream: string, group: string, { limit, after }: ListDeadLettersOptions): Promise<DeadLetter[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (after !== undefined && !STREAM_ID.test(after)) throw new RangeError(`after must be a dead letter ID, got ${after}`);
    const key = deadLetterKey(stream, group);
    const entries = await this.commands.xrange(key, after === undefined ? '-' : `(${after}`, '+', 'COUNT', limit);
    const letters: DeadLetter[] = [];
    for (const [id, fields] of entries) {
      try {
        letters.push(fromDeadLetterEntry(stream, key, id, fields));
      } catch (err) {
        this.logger.error({ err, stream, group, id }, 'skipping a dead-letter entry this bus did not write');
      }
    }
    return letters;
  }

  async reprocess(stream: string, group: string, id: string): Promise<boolean> {
    if (!STREAM_ID.test(id)) return false;
    const reply = (await this.commands.eval(REPROCESS_SCRIPT, 2, deadLetterKey(stream, group), stream, id, this.maxLen)) as
      [string, number] | null;
    if (reply === null) return false;
    busMetrics().published.inc({ stream });
    busMetrics().deadLetters.set({ stream, group }, reply[1]);
    return true;
  }

  async reprocessAll(stream: string, group: string): Promise<number> {
    const key = deadLetterKey(stream, group);
    // Stop at the newest letter present now: reprocessed events that die again are appended after it.
    const [newest] = await this.commands.xrevrange(key, '+', '-', 'COUNT', 1);
    if (!newest) return 0;
    let reprocessed = 0;
    let start = '-';
    for (;;) {
      const page = await this.commands.xrange(key, start, newest[0], 'COUNT', PAGE_SIZE);
      for (const [id] of page) if (await this.reprocess(stream, group, id)) reprocessed += 1;
      if (page.length < PAGE_SIZE) return reprocessed;
      start = `(${page.at(-1)![0]}`;
    }
  }

  async discard(stream: string, group: string, id: string): Promise<boolean> {
    if (!STREAM_ID.test(id)) return false;
    const key = deadLetterKey(stream, group);
    const [[deleteError, deleted], [, left]] = (await this.commands.multi().xdel(key, id).xlen(key).exec())! as [
      [Error | null, number],
      [Error | null, number],
    ];
    if (deleteError) throw deleteError;
    busMetrics().deadLetters.set({ stream, group }, left);
    return deleted === 1;
  }

  async discardAll(stream: string, group: string): Promise<number> {
    const discarded = (await this.commands.eval(DISCARD_ALL_SCRIPT, 1, deadLetterKey(stream, group))) as number;
    busMetrics().deadLetters.set({ stream, group }, 0);
    return discarded;
  }

  count(stream: string, group: string): Promise<number> {
    return this.commands.xlen(deadLetterKey(stream, group));
  }
}
