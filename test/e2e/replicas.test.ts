import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from '../fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';
import { call, sendMessage, startConversation, streamAnswer } from './assistant-helpers.js';
import { INGEST } from './knowledge-helpers.js';

const PROGRESS = 'subscription P($id: ID!) { ingestionProgress(jobId: $id) { status chunksTotal chunksEmbedded } }';

/**
 * Two replica sets of the whole supergraph in this process, each subgraph twice, each set behind its own gateway (the
 * two URLs a load balancer would spread clients over). They share the databases and, with REDIS_URL, meet only through
 * Redis (each set has its own connections); embedded, through one in-process bus. Which replica a request reaches is
 * chosen by the gateway the test calls, so "the other replica" is certain rather than left to round-robin luck.
 */
describe('replicas: streams and work reach every replica', () => {
  let model: FakeModelServer;
  let a: TestSupergraph;
  let b: TestSupergraph;
  let alice: string;
  let staff: string;

  beforeAll(async () => {
    model = await startFakeModelServer();
    const env = { OPENAI_BASE_URL: model.baseURL, MODEL_MAX_RETRIES: '0', SEMANTIC_CACHE_TTL_MS: '0' };
    a = await startTestSupergraph(env);
    b = await startTestSupergraph(env, a);
    alice = await a.token({ sub: 'alice' });
    staff = await a.token({ sub: 'sam', roles: ['staff'] });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await model?.close();
  });

  it('a chat sent through one replica streams every token, from the first, to a subscriber held by the other', async () => {
    const conversationId = await startConversation(a, alice);
    const text = 'Our margherita is wood-fired, with San Marzano tomatoes and fior di latte, and costs 12.50.';
    model.enqueue(textAnswer(text, { chunks: 10, chunkDelayMs: 40 }));
    const sent = await sendMessage(a, alice, conversationId, 'Tell me about the margherita');
    const [elsewhere, here] = await Promise.all([streamAnswer(b, alice, sent.id), streamAnswer(a, alice, sent.id)]);
    expect(elsewhere.text).toBe(text);
    expect(elsewhere.events.filter((event) => event.__typename === 'ChatTokenDelta').length).toBeGreaterThan(1);
    expect(elsewhere.completed.message).toMatchObject({ id: sent.id, status: 'COMPLETED', content: text });
    expect(elsewhere.completed).toEqual(here.completed);
    // Late, on the other replica: the whole turn is replayed from the bus (or the stored message once it expired).
    expect((await streamAnswer(b, alice, sent.id)).text).toBe(text);
  });

  it('another user cannot follow a turn on the replica that does not run it', async () => {
    const conversationId = await startConversation(a, alice);
    model.enqueue(textAnswer('Hello.', { chunks: 2, chunkDelayMs: 20 }));
    const sent = await sendMessage(a, alice, conversationId, 'Hi there, who are you?');
    const bob = await a.token({ sub: 'bob' });
    const client = wsClient(b.gateway.wsUrl, { authorization: `Bearer ${bob}` });
    try {
      const stream = collect(client, 'subscription S($id: ID!) { chatStream(messageId: $id) { __typename } }', { id: sent.id });
      await stream.done(10_000);
      const codes = [stream.error, ...stream.results.flatMap((result) => result.errors ?? [])].flatMap((error: any) =>
        Array.isArray(error) ? error.map((inner: any) => inner.extensions?.code) : [error?.extensions?.code],
      );
      expect(codes).toContain('NOT_FOUND');
    } finally {
      await client.dispose();
    }
    await streamAnswer(a, alice, sent.id);
  });

  it('an ingestion started through one replica reports its progress to subscribers on both, whichever runs it', async () => {
    const body = Array.from(
      { length: 150 },
      (_, i) => `## Section ${i}\n\n${'Our sourcing notes describe farms and suppliers. '.repeat(12)}`,
    );
    const job = (
      await call(a, INGEST, { input: { scope: 'policies', format: 'MARKDOWN', text: `# Sourcing\n\n${body.join('\n\n')}` } }, staff)
    ).ingestDocument as { id: string };
    const clients = [
      wsClient(a.gateway.wsUrl, { authorization: `Bearer ${staff}` }),
      wsClient(b.gateway.wsUrl, { authorization: `Bearer ${staff}` }),
    ];
    try {
      const streams = clients.map((client) => collect(client, PROGRESS, { id: job.id }));
      await Promise.all(streams.map((stream) => stream.done(60_000)));
      for (const stream of streams) {
        expect(stream.error ?? null).toBeNull();
        const states = stream.results.map((result) => result.data!.ingestionProgress);
        expect(states.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
        expect(states.at(-1)!.chunksTotal).toBeGreaterThan(10);
      }
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });
});
