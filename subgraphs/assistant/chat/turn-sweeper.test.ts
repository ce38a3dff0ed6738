import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { caller, ChatTestDatabase, GatedModel, owner } from '../../../test/support/assistant-chat-database.js';
import { waitFor } from '../../../test/support/wait-for.js';
import type { ChatCaller } from './chat-options.js';
import { MessageEntity } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import type { ChatService } from './chat-service.js';
import type { ChatStreamEvent } from './chat-stream-hub.js';
import { MessageRepository } from './message-repository.js';
import { turnStream } from './turn-relay.js';

const olga: ChatCaller = { tenantId: 'other', userId: 'olga', authorization: 'Bearer test', requestId: 'req-2' };
/** Leased once, with the turn, and never renewed within a test: what a replica killed mid-answer leaves behind. */
const DYING = { turnLease: { ttlMs: 300, renewEveryMs: 600_000 } };

describe('TurnSweeper: dead turns nobody follows', () => {
  const db = new ChatTestDatabase();
  const chats: ChatService<unknown>[] = [];
  const models: GatedModel[] = [];
  beforeAll(() => db.open());
  afterAll(async () => {
    for (const model of models) model.release();
    await Promise.all(chats.map((chat) => chat.close()));
    await db.close();
  });

  /** A replica on the shared database and bus whose model answers only when released. */
  const replica = (overrides: Parameters<ChatTestDatabase['chatWith']>[4] = {}) => {
    const model = new GatedModel();
    models.push(model);
    const chat = db.chatWith(model, [], undefined, db.replica(), { bus: db.bus, ...overrides });
    chats.push(chat);
    return chat;
  };
  /** A turn left open by a replica that stops renewing its lease: it lapses after 300 ms. */
  const deadTurn = async (who: ChatCaller = caller) => {
    const dying = replica(DYING);
    const conversation = await db.conversations.start(who, null);
    return dying.sendMessage(who, conversation.id, 'Tell me a story');
  };
  const stored = (messageId: string) => db.database.em().findOneOrFail(MessageEntity, { id: messageId });
  const lapse = () => new Promise((resolve) => setTimeout(resolve, 400));
  const interruptedBySweeper = async () =>
    (await metricsRegistry.getSingleMetric('ragline_assistant_turns_interrupted_total')?.get())?.values.find(
      (value) => value.labels.noticed_by === 'sweeper',
    )?.value ?? 0;

  it('fails a dead turn nobody follows in one sweep, and leaves a turn whose lease is live alone', async () => {
    const dead = await deadTurn();
    const live = await replica().sendMessage(caller, (await db.conversations.start(caller, null)).id, 'Still thinking?');
    await lapse();
    const before = await interruptedBySweeper();

    expect(await replica().sweepDeadTurns()).toBe(1);
    expect(await stored(dead.id)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED', leaseUntil: null });
    expect((await stored(dead.id)).completedAt).toBeInstanceOf(Date);
    expect(await stored(live.id)).toMatchObject({ status: 'STREAMING', errorCode: null });
    expect(await interruptedBySweeper()).toBe(before + 1);
    // Nothing left to sweep.
    expect(await replica().sweepDeadTurns()).toBe(0);
  });

  it("fails another tenant's dead turn too, each write scoped to the message's own tenant and user, and logs both", async () => {
    const ours = await deadTurn(caller);
    const theirs = await deadTurn(olga);
    await lapse();
    const writes: { owner: Owner; messageId: string }[] = [];
    const messages = new (class extends MessageRepository {
      override interruptExpired(scope: Owner, messageId: string, unleasedBefore: Date, streamedText?: string) {
        writes.push({ owner: { ...scope }, messageId });
        return super.interruptExpired(scope, messageId, unleasedBefore, streamedText);
      }
    })(() => db.database.em());
    const logged: Record<string, unknown>[] = [];
    const logger = createLogger(
      { level: 'warn', service: 'test' },
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );

    expect(await replica({ messages, logger }).sweepDeadTurns()).toBe(2);
    expect(writes).toEqual([
      { owner, messageId: ours.id },
      { owner: { tenantId: 'other', userId: 'olga' }, messageId: theirs.id },
    ]);
    for (const id of [ours.id, theirs.id]) expect(await stored(id)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
    expect(logged.filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({ messageId: ours.id, tenantId: 'demo', noticedBy: 'sweeper' }),
      expect.objectContaining({ messageId: theirs.id, tenantId: 'other', noticedBy: 'sweeper' }),
    ]);
  });

  it('stores what the dead turn had streamed with its failed message, redacted as a finished answer is', async () => {
    const model = new GatedModel([], ['Once upon a time, ', 'write to ada@example.com.']);
    models.push(model);
    const dying = db.chatWith(model, [], undefined, db.replica(), { bus: db.bus, ...DYING });
    chats.push(dying);
    const dead = await dying.sendMessage(caller, (await db.conversations.start(caller, null)).id, 'Tell me a story');
    const streamed = async () => (await db.bus.retained(turnStream(dead.id), 10)).filter((event) => event.type === 'delta').length;
    await waitFor(async () => (await streamed()) === 2, 'the two deltas on the bus', 3000);
    await lapse();

    expect(await replica().sweepDeadTurns()).toBe(1);
    expect(await stored(dead.id)).toMatchObject({
      status: 'FAILED',
      errorCode: 'TURN_INTERRUPTED',
      content: 'Once upon a time, write to [EMAIL_1].',
    });
  });

  it('fails each dead turn once when two replicas sweep at the same time', async () => {
    const dead = await Promise.all([deadTurn(caller), deadTurn(olga), deadTurn(caller)]);
    await lapse();
    const before = await interruptedBySweeper();
    const [first, second] = await Promise.all([replica().sweepDeadTurns(), replica().sweepDeadTurns()]);
    expect(first + second).toBe(3);
    expect(await interruptedBySweeper()).toBe(before + 3);
    for (const { id } of dead) expect(await stored(id)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
  });

  it('reads batches until one comes back short', async () => {
    const dead = await Promise.all([deadTurn(), deadTurn(olga), deadTurn(), deadTurn(olga), deadTurn()]);
    await lapse();
    expect(await replica({ turnSweep: { everyMs: 600_000, batchSize: 2 } }).sweepDeadTurns()).toBe(5);
    for (const { id } of dead) expect(await stored(id)).toMatchObject({ status: 'FAILED' });
  });

  it('fails a message that was never leased only once it is older than the turn timeout', async () => {
    const dead = await deadTurn();
    // As a turn stored before leases existed: open, with no lease.
    await db.database.em().nativeUpdate(MessageEntity, { id: dead.id }, { leaseUntil: null });
    const sweeper = replica({ turnTimeoutMs: 60_000 });
    expect(await sweeper.sweepDeadTurns()).toBe(0);
    expect(await stored(dead.id)).toMatchObject({ status: 'STREAMING' });
    await db.database.em().nativeUpdate(MessageEntity, { id: dead.id }, { createdAt: new Date(Date.now() - 61_000) });
    expect(await sweeper.sweepDeadTurns()).toBe(1);
    expect(await stored(dead.id)).toMatchObject({ status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
  });

  it('ends the stream of a subscriber on another replica at once with FAILED TURN_INTERRUPTED', async () => {
    const dead = await deadTurn();
    // A follower reads the row once a second with a 30 s lease, and serves a closed row only at its second look: the
    // end that arrives well before then came over the bus from the sweeper.
    const subscribed = replica();
    const events: ChatStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of await subscribed.stream(owner, dead.id)) events.push(event);
    })();
    await lapse();
    const swept = performance.now();
    expect(await replica().sweepDeadTurns()).toBe(1);
    await reading;
    expect(performance.now() - swept).toBeLessThan(800);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'completed',
        message: expect.objectContaining({ id: dead.id, status: 'FAILED', errorCode: 'TURN_INTERRUPTED' }),
      }),
    ]);
  });

  it('sweeps on its own every interval from the start of the service', async () => {
    const dead = await deadTurn();
    replica({ turnSweep: { everyMs: 100 } });
    await waitFor(async () => (await stored(dead.id)).status === 'FAILED', 'the sweeper to fail the dead turn', 3000);
    expect(await stored(dead.id)).toMatchObject({ errorCode: 'TURN_INTERRUPTED' });
  });
});
