import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig, SUBGRAPH_NAMES } from '../../platform/config.js';
import { textAnswer } from '../fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import {
  createScratchDatabase,
  freePort,
  gatewayCaller,
  startPgliteWireServer,
  startServiceProcess,
  type PgliteWireServer,
  type ServiceProcess,
} from '../support/service-processes.js';
import { deleteRedisKeys } from '../support/gateway-requests.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import { CHAT_STREAM, CONVERSATION, call, sendMessage, startConversation, streamAnswer } from './assistant-helpers.js';
import { INGEST, JOB, SEARCH } from './knowledge-helpers.js';

const redisUrl = process.env.REDIS_URL;
const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

/** Short leases, so a dead replica's turn fails and its job is taken over within seconds (production: 30 s each). */
const CHAT_TURN_LEASE_MS = 1500;
const INGESTION_LEASE_MS = 1500;
/** How often the assistant replicas sweep for dead turns nobody follows (production: 15 s). */
const CHAT_TURN_SWEEP_MS = 500;

const PROGRESS = 'subscription P($id: ID!) { ingestionProgress(jobId: $id) { status chunksTotal chunksEmbedded } }';

type Side = 'a' | 'b';
const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');

/**
 * Replicas in processes of their own, killed with SIGKILL mid-work: the proof an in-process test cannot give. Two
 * replica sets share one orders and one observability process; each set has its own assistant and knowledge process
 * and its own gateway (the two URLs a load balancer spreads clients over), so the test knows which replica a request
 * reaches. Orders, assistant and observability use a scratch database on the PostgreSQL server; both knowledge replicas
 * one PGlite with pgvector served over the wire (test/support/pglite-wire-server.ts); the processes meet through Redis.
 *
 * Separate processes have no event bus but Redis, so this file needs REDIS_URL and a PostgreSQL DATABASE_URL (the
 * services leg of .ci/run); on the embedded defaults it is skipped.
 */
describe.skipIf(!redisUrl || !postgresUrl)('replica failover across processes (needs REDIS_URL and a postgres DATABASE_URL)', () => {
  const prefix = `f${randomBytes(4).toString('hex')}_`;
  let model: FakeModelServer;
  let knowledgeDatabase: PgliteWireServer;
  let scratch: { url: string; drop(): Promise<void> };
  let dataDir: string;
  const services: ServiceProcess[] = [];
  const assistant = {} as Record<Side, ServiceProcess>;
  const knowledge = {} as Record<Side, ServiceProcess>;
  const gateway = {} as Record<Side, ReturnType<typeof gatewayCaller>>;
  let alice: string;
  let staff: string;
  /** Starts (or starts again, on its port) one of the processes named in beforeAll. */
  let start: (service: string, name: string, extra?: Record<string, string>) => Promise<ServiceProcess>;
  let sideEnv: (side: Side) => Record<string, string>;

  beforeAll(async () => {
    model = await startFakeModelServer();
    knowledgeDatabase = await startPgliteWireServer();
    scratch = await createScratchDatabase(postgresUrl!, `ragline_${prefix}failover`);
    dataDir = await mkdtemp(join(tmpdir(), 'ragline-failover-'));
    const names = ['gateway-a', 'gateway-b', 'orders', 'observability', 'knowledge-a', 'knowledge-b', 'assistant-a', 'assistant-b'];
    const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (/(_DATABASE_URL|_URL|_PORT)$/.test(key) || key === 'PORT') delete env[key];
    Object.assign(env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: scratch.url,
      KNOWLEDGE_DATABASE_URL: knowledgeDatabase.url,
      REDIS_URL: redisUrl,
      EVENT_STREAM_PREFIX: prefix,
      OPENAI_BASE_URL: model.baseURL,
      MODEL_MAX_RETRIES: '0',
      SEMANTIC_CACHE_TTL_MS: '0',
      RATE_LIMITS: 'off',
      CHAT_TURN_LEASE_MS: String(CHAT_TURN_LEASE_MS),
      CHAT_TURN_SWEEP_MS: String(CHAT_TURN_SWEEP_MS),
      INGESTION_LEASE_MS: String(INGESTION_LEASE_MS),
      INGESTION_POLL_MS: '200',
      ORDERS_URL: `http://127.0.0.1:${ports.orders}/graphql`,
      OBSERVABILITY_URL: `http://127.0.0.1:${ports.observability}/graphql`,
    });
    start = async (service, name, extra = {}) => {
      const port = ports[name]!;
      const started = await startServiceProcess(service, port, {
        ...env,
        [service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`]: String(port),
        ...extra,
      });
      services.push(started);
      return started;
    };
    sideEnv = (side) => ({
      KNOWLEDGE_URL: `http://127.0.0.1:${ports[`knowledge-${side}`]}/graphql`,
      ASSISTANT_URL: `http://127.0.0.1:${ports[`assistant-${side}`]}/graphql`,
      // The assistant's tools call the supergraph through its own set's gateway.
      GATEWAY_URL: `http://127.0.0.1:${ports[`gateway-${side}`]}/graphql`,
    });
    // The knowledge replicas one after the other: on one PGlite all connections are one session, so the advisory lock
    // that keeps replicas from migrating at the same time on PostgreSQL does not separate them.
    await Promise.all([
      start('orders', 'orders'),
      start('observability', 'observability'),
      start('assistant', 'assistant-a', sideEnv('a')).then((started) => (assistant.a = started)),
      start('assistant', 'assistant-b', sideEnv('b')).then((started) => (assistant.b = started)),
      start('knowledge', 'knowledge-a', sideEnv('a')).then(async (started) => {
        knowledge.a = started;
        knowledge.b = await start('knowledge', 'knowledge-b', sideEnv('b'));
      }),
    ]);
    for (const side of ['a', 'b'] as const) {
      const started = await start('gateway', `gateway-${side}`, sideEnv(side));
      gateway[side] = gatewayCaller(started.origin);
    }
    const config = loadConfig({});
    alice = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer'] });
    staff = await signDevToken(config, { sub: 'sam', tenant: 'demo', roles: ['staff'] });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await knowledgeDatabase?.stop();
    await model?.close();
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (redisUrl && scratch && knowledgeDatabase) {
      await deleteRedisKeys(redisUrl, [`${prefix}*`, ...cacheKeyPatterns(scratch.url, knowledgeDatabase.url)]);
    }
  });

  it('a turn whose replica is killed mid-answer ends, for a subscriber on the other replica, as FAILED TURN_INTERRUPTED', async () => {
    const conversationId = await startConversation(gateway.a, alice);
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    model.enqueue(textAnswer(words.join(' '), { chunks: 60, chunkDelayMs: 100 }));
    // Sent through gateway a: assistant a runs the turn.
    const sent = await sendMessage(gateway.a, alice, conversationId, 'Tell me a long story about pizza');
    const clients = (['a', 'b'] as const).map((side) => wsClient(gateway[side].gateway.wsUrl, { authorization: `Bearer ${alice}` }));
    try {
      const [onA, onB] = clients.map((client) => collect(client, CHAT_STREAM, { id: sent.id }));
      const deltas = (stream: typeof onB) => stream.results.filter((result) => result.data?.chatStream?.__typename === 'ChatTokenDelta');
      await waitFor(() => deltas(onB!).length >= 2, 'two token deltas on the other replica', 15_000);

      await assistant.a.kill();
      const killedAt = Date.now();
      await onB!.done(CHAT_TURN_LEASE_MS + 10_000);
      const waitedMs = Date.now() - killedAt;
      expect(errorCodes(onB!)).toEqual([]);
      const events = onB!.results.map((result) => result.data!.chatStream);
      const streamed = events.filter((event) => event.__typename === 'ChatTokenDelta').map((event) => event.text as string);
      expect(words.join(' ').startsWith(streamed.join(''))).toBe(true);
      // The failed message keeps what its subscribers were shown.
      expect(events.at(-1)).toMatchObject({
        __typename: 'ChatMessageCompleted',
        message: { id: sent.id, status: 'FAILED', errorCode: 'TURN_INTERRUPTED', content: streamed.join('') },
      });
      // The replica's own subscriber loses its upstream with the process: it ends too, with an error, and does not hang.
      await onA!.done(10_000);
      expect(errorCodes(onA!)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      console.info(`[replica-failover] subscriber on the other replica got TURN_INTERRUPTED ${waitedMs} ms after SIGKILL`);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }

    const stored = (await call(gateway.b, CONVERSATION, { id: conversationId }, alice)).conversation.messages;
    expect(stored.at(-1)).toMatchObject({ id: sent.id, role: 'ASSISTANT', status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
    expect(stored.at(-1).content).toMatch(/^word0 word1/);
    // The surviving replica goes on answering.
    model.enqueue(textAnswer('Still here.', { chunks: 2 }));
    const next = await sendMessage(gateway.b, alice, conversationId, 'Are you still there?');
    expect((await streamAnswer(gateway.b, alice, next.id)).text).toBe('Still here.');
  }, 60_000);

  it('a turn whose replica is killed with only its own subscribers is failed by the sweeper: it reads FAILED TURN_INTERRUPTED and the conversation goes on', async () => {
    // A replacement for the replica killed above, on its port: gateway a reaches it again.
    if (assistant.a.child.signalCode !== null) assistant.a = await start('assistant', 'assistant-a', sideEnv('a'));
    const conversationId = await startConversation(gateway.b, alice);
    const story = Array.from({ length: 60 }, (_, i) => `token${i}`).join(' ');
    model.enqueue(textAnswer(story, { chunks: 60, chunkDelayMs: 100 }));
    const sent = await sendMessage(gateway.b, alice, conversationId, 'Tell me another long story');
    const client = wsClient(gateway.b.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    let killedAt: number;
    let seen: string | undefined;
    try {
      const own = collect(client, CHAT_STREAM, { id: sent.id });
      await own.nth(2, 15_000);
      await assistant.b.kill();
      seen = own.results.map((result) => (result.data?.chatStream as { text?: string } | undefined)?.text ?? '').join('');
      killedAt = Date.now();
      await own.done(10_000);
      expect(errorCodes(own)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    } finally {
      await client.dispose();
    }
    // Nobody follows the dead turn on a live replica and nobody sends to the conversation: only reads. The surviving
    // replica's sweeper fails it once its lease lapsed (a lease after its last renewal) at its next sweep.
    const deadTurn = async () =>
      (await call(gateway.a, CONVERSATION, { id: conversationId }, alice)).conversation.messages.find(
        (message: any) => message.id === sent.id,
      );
    await waitFor(
      async () => !['PENDING', 'STREAMING'].includes((await deadTurn()).status),
      'the dead turn to be swept',
      CHAT_TURN_LEASE_MS + CHAT_TURN_SWEEP_MS + 2500,
    );
    const sweptMs = Date.now() - killedAt;
    expect(await deadTurn()).toMatchObject({ role: 'ASSISTANT', status: 'FAILED', errorCode: 'TURN_INTERRUPTED' });
    // Stored with what the dead replica had streamed: at least what its subscriber saw, and a beginning of the story.
    const { content } = await deadTurn();
    expect(seen).toMatch(/^token0/);
    expect(content.startsWith(seen!) && story.startsWith(content)).toBe(true);
    console.info(`[replica-failover] the unfollowed dead turn read FAILED ${sweptMs} ms after SIGKILL`);
    // The conversation is not busy: the next message goes through at once.
    model.enqueue(textAnswer('Back again.', { chunks: 2 }));
    const next = await sendMessage(gateway.a, alice, conversationId, 'Hello? Are you there?');
    expect((await streamAnswer(gateway.a, alice, next.id)).text).toBe('Back again.');
  }, 60_000);

  it('an ingestion whose replica is killed mid-way is finished by the other, once, and reported to the end', async () => {
    const marker = `zephyrine${randomBytes(3).toString('hex')}`;
    const text = documentText(marker);
    const sql = new pg.Client({ connectionString: knowledgeDatabase.url });
    await sql.connect();
    const clients = (['a', 'b'] as const).map((side) => wsClient(gateway[side].gateway.wsUrl, { authorization: `Bearer ${staff}` }));
    try {
      const job = (await call(gateway.a, INGEST, { input: { scope: 'policies', format: 'MARKDOWN', text } }, staff)).ingestDocument;
      const progress = { a: collect(clients[0]!, PROGRESS, { id: job.id }), b: collect(clients[1]!, PROGRESS, { id: job.id }) };
      // Whichever replica's worker claimed it (the one it was submitted to is woken first, the other polls) is killed
      // once the job is mid-way.
      let claimedBy = '';
      await waitFor(
        async () => {
          const [row] = (await sql.query('select status, claimed_by from knowledge.ingestion_jobs where id = $1', [job.id])).rows;
          claimedBy = row?.claimed_by ?? '';
          return claimedBy !== '' && ['CHUNKING', 'EMBEDDING'].includes(row.status);
        },
        'the job to be claimed and mid-way',
        20_000,
      );
      const running = (['a', 'b'] as const).find((side) => claimedBy.includes(`-${knowledge[side].pid}-`));
      expect(running, `claimed by ${claimedBy}`).toBeDefined();
      await knowledge[running!].kill();
      const killedAt = Date.now();
      const [atKill] = (await sql.query('select status from knowledge.ingestion_jobs where id = $1', [job.id])).rows;
      expect(atKill.status).not.toMatch(/SUCCEEDED|FAILED/);

      const survivor = progress[other(running!)];
      await waitFor(
        async () => {
          const [row] = (await sql.query('select claimed_by from knowledge.ingestion_jobs where id = $1', [job.id])).rows;
          return row.claimed_by !== claimedBy;
        },
        'the other replica to claim the job',
        INGESTION_LEASE_MS + 10_000,
      );
      const takenOverMs = Date.now() - killedAt;
      await survivor.done(60_000);
      const finishedMs = Date.now() - killedAt;
      expect(errorCodes(survivor)).toEqual([]);
      const states = survivor.results.map((result) => result.data!.ingestionProgress);
      expect(states[0].status).not.toBe('SUCCEEDED');
      expect(states.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
      // The dead replica's subscribers lose their upstream: their stream ends with an error rather than hangs.
      await progress[running!].done(10_000);
      expect(errorCodes(progress[running!])).toEqual(['SUBGRAPH_UNAVAILABLE']);

      const done = (await call(gateway[other(running!)], JOB, { id: job.id }, staff)).ingestionJob;
      expect(done).toMatchObject({ status: 'SUCCEEDED', deduplicated: false });
      const [attempts] = (await sql.query('select attempts from knowledge.ingestion_jobs where id = $1', [job.id])).rows;
      expect(attempts.attempts).toBe(2);
      const reference = await ingestUninterrupted(gateway[other(running!)], text);
      // Once: one document with the marker per tenant, with as many chunks as the uninterrupted run made.
      const counts = await sql.query(
        `select d.tenant_id as tenant, count(distinct d.id)::int as documents, count(c.id)::int as chunks
           from knowledge.documents d left join knowledge.chunks c on c.document_id = d.id
          where d.title like '%' || $1 || '%' group by d.tenant_id order by d.tenant_id`,
        [marker],
      );
      expect(done.chunksTotal).toBe(reference.chunksTotal);
      expect(counts.rows).toEqual([
        { tenant: 'demo', documents: 1, chunks: reference.chunksTotal },
        { tenant: 'reference', documents: 1, chunks: reference.chunksTotal },
      ]);
      console.info(
        `[replica-failover] ingestion of ${done.chunksTotal} chunks: the other replica claimed the job ${takenOverMs} ms after SIGKILL and finished it ${finishedMs} ms after`,
      );

      const found = await call(gateway[other(running!)], SEARCH, { query: marker, mode: 'KEYWORD', first: 3 }, alice);
      expect(found.search.length).toBeGreaterThan(0);
      expect(found.search[0].document.id).toBe(done.documentId);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
      await sql.end();
    }
  }, 120_000);
});

/** The error codes a subscription ended with (the gateway reports a lost subgraph as a last result with errors). */
function errorCodes(stream: ReturnType<typeof collect>): string[] {
  const errors = [
    ...(Array.isArray(stream.error) ? stream.error : stream.error ? [stream.error] : []),
    ...stream.results.flatMap((result) => result.errors ?? []),
  ];
  return errors.map((error: any) => error.extensions?.code);
}

/** A policy document long enough that chunking and embedding it take a few seconds here. */
function documentText(marker: string): string {
  const sections = Array.from(
    { length: 600 },
    (_, i) =>
      `## Section ${i}\n\nOur ${marker} sourcing notes describe farms, mills and suppliers. ${'Flour, tomatoes and olive oil arrive weekly. '.repeat(10)}`,
  );
  return `# Sourcing ${marker}\n\n${sections.join('\n\n')}`;
}

/** The same text ingested for another tenant, undisturbed: how many chunks one run makes. */
async function ingestUninterrupted(
  gateway: ReturnType<typeof gatewayCaller>,
  text: string,
): Promise<{ documentId: string; chunksTotal: number }> {
  const token = await signDevToken(loadConfig({}), { sub: 'olga', tenant: 'reference', roles: ['staff'] });
  const job = (await call(gateway, INGEST, { input: { scope: 'policies', format: 'MARKDOWN', text } }, token)).ingestDocument;
  let finished: any;
  await waitFor(
    async () => {
      finished = (await call(gateway, JOB, { id: job.id }, token)).ingestionJob;
      return finished.status === 'SUCCEEDED' || finished.status === 'FAILED';
    },
    'the reference ingestion to finish',
    60_000,
  );
  expect(finished.status).toBe('SUCCEEDED');
  return finished;
}

/** The subgraphs' cache entries of this run: keyed by schema and a hash of the database URL (platform/cache/create-subgraph-cache.ts). */
function cacheKeyPatterns(databaseUrl: string, knowledgeDatabaseUrl: string): string[] {
  return SUBGRAPH_NAMES.map((name) => {
    const origin = createHash('sha256')
      .update(`${name === 'knowledge' ? knowledgeDatabaseUrl : databaseUrl}#${name}`)
      .digest('hex')
      .slice(0, 12);
    return `ragline:cache:${name}:${origin}:*`;
  });
}
