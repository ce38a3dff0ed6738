import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import type { BusEvent } from '../event-bus.js';
import { RedisStreamsEventBus } from './redis-streams-event-bus.js';

// Transport details the shared conformance suite cannot see: connections, pending lists, recovery.
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'event-bus-test' });
const redisUrl = process.env.REDIS_URL;

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!redisUrl)('RedisStreamsEventBus', () => {
  let admin: Redis;
  let bus: RedisStreamsEventBus;
  let stream: string;

  /** IDs of the connections with this CLIENT SETNAME name. */
  const clientIds = async (name: string) =>
    ((await admin.client('LIST')) as string)
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /^id=(\d+)/.exec(line)![1]!);
  const pendingCount = async (group: string) => ((await admin.xpending(stream, group)) as [number])[0];

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await admin.quit();
  });
  beforeEach(() => {
    bus = new RedisStreamsEventBus({ redisUrl: redisUrl!, logger });
    stream = `test-events-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    await bus.close();
    await admin.del(stream);
  });

  it('shares one reader connection per stream and closes it when the last subscriber leaves', async () => {
    const readerName = `ragline:events:live:${stream}`;
    const first = bus.subscribe(stream);
    const second = bus.subscribe(stream);
    await waitFor(async () => (await clientIds(readerName)).length === 1, 'the reader connection');
    await first.return!();
    await bus.publish(stream, { type: 'test.kept', tenantId: 't', payload: {} });
    expect((await second.next()).value).toMatchObject({ type: 'test.kept' });
    await second.return!();
    await waitFor(async () => (await clientIds(readerName)).length === 0, 'the reader connection to close');
  });

  it('keeps reading live after its connection is killed', async () => {
    const readerName = `ragline:events:live:${stream}`;
    const subscription = bus.subscribe(stream);
    await waitFor(async () => (await clientIds(readerName)).length === 1, 'the reader connection');
    const [readerId] = await clientIds(readerName);
    await admin.client('KILL', 'ID', readerId!);
    await bus.publish(stream, { type: 'test.after-kill', tenantId: 't', payload: {} });
    expect((await subscription.next()).value).toMatchObject({ type: 'test.after-kill' });
  });

  it('takes over entries a dead consumer left pending, and acks them', async () => {
    const group = 'takeover';
    await admin.xgroup('CREATE', stream, group, '$', 'MKSTREAM');
    const event = await bus.publish(stream, { type: 'test.orphan', tenantId: 't', payload: {} });
    await admin.xreadgroup('GROUP', group, 'crashed-consumer', 'COUNT', 10, 'STREAMS', stream, '>');
    const handled: BusEvent[] = [];
    await bus.consume(stream, group, async (e) => void handled.push(e), { consumer: 'survivor', redeliverAfterMs: 100 });
    await waitFor(() => handled.length === 1, 'the orphaned entry');
    expect(handled[0]).toMatchObject({ eventId: event.eventId, id: event.id });
    await waitFor(async () => (await pendingCount(group)) === 0, 'the pending list to empty');
  });

  it('recreates its group when the stream is deleted under it', async () => {
    const handled: string[] = [];
    await bus.consume(stream, 'recreated', async (e) => void handled.push(e.type), { startFrom: '0', redeliverAfterMs: 100 });
    await admin.del(stream);
    await bus.publish(stream, { type: 'test.after-delete', tenantId: 't', payload: {} });
    await waitFor(() => handled.includes('test.after-delete'), 'the event published after DEL');
  });

  it('acknowledges and skips entries that are not bus events', async () => {
    await admin.xadd(stream, '*', 'foreign', 'entry');
    const event = await bus.publish(stream, { type: 'test.valid', tenantId: 't', payload: { ok: true } });
    const handled: BusEvent[] = [];
    await bus.consume(stream, 'mixed', async (e) => void handled.push(e), { startFrom: '0' });
    await waitFor(() => handled.length === 1, 'the valid entry');
    expect(handled[0]).toMatchObject({ eventId: event.eventId, payload: { ok: true } });
    await waitFor(async () => (await pendingCount('mixed')) === 0, 'both entries to be acknowledged');
  });

  it('closes its consumer connections', async () => {
    await bus.consume(stream, 'closing', async () => undefined, { consumer: 'closer' });
    const name = 'ragline:events:consumer:closing:closer';
    await waitFor(async () => (await clientIds(name)).length === 1, 'the consumer connection');
    await bus.close();
    await waitFor(async () => (await clientIds(name)).length === 0, 'the consumer connection to close');
  });
});
