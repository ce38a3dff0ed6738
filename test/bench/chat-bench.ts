import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, publishReport, type Row } from './benchmark-report.js';
import { describeLoopbackRoundTrip, measureLoopbackRoundTrip } from './loopback-round-trip.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';
import { startTimedModelServer } from './timed-model-server.js';

/**
 * `npm run bench:chat`: N concurrent chats through the gateway against a scripted OpenAI-compatible model server.
 * The model server stamps when it writes each answer's first token; the client stamps when that token arrives over
 * chatStream. The difference is the time to first token the platform adds (assistant subgraph, tool loop, hub,
 * subscription bridge, gateway), independent of how fast the model is. Both stamps use this process's clock (the model
 * server runs in a worker thread of it).
 */
const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '100' },
    tokens: { type: 'string', default: '50', short: 't' },
    'token-interval-ms': { type: 'string', default: '10' },
    'model-ttft-ms': { type: 'string', default: '300' },
    /** Steady load: chats join over this window, then each runs `turns` turns with a think time between them. */
    'ramp-ms': { type: 'string', default: '5000' },
    turns: { type: 'string', default: '4' },
    'think-ms': { type: 'string', default: '2000-4000' },
    /** burst: every chat sends its one message at the same instant; steady: the load above; both: one row each. */
    scenario: { type: 'string', default: 'both' },
    /** With REDIS_URL: `per-service` (default, as in production) or `single` (everything in `npm start`'s one process). */
    topology: { type: 'string', default: 'per-service' },
    /** Start-up keeps working after "RAGline is running" (seeding and indexing the knowledge base); wait it out. */
    'settle-ms': { type: 'string', default: '0' },
  },
});
const chats = Number(values.chats);
const tokensPerAnswer = Number(values.tokens);
const tokenIntervalMs = Number(values['token-interval-ms']);
const modelTtftMs = Number(values['model-ttft-ms']);
const [thinkMinMs, thinkMaxMs] = values['think-ms'].split('-').map(Number) as [number, number?];
const scenarios: Scenario[] = [
  { name: 'burst', rampMs: 0, turns: 1, thinkMinMs: 0, thinkMaxMs: 0 },
  { name: 'steady', rampMs: Number(values['ramp-ms']), turns: Number(values.turns), thinkMinMs, thinkMaxMs: thinkMaxMs ?? thinkMinMs },
].filter((scenario) => values.scenario === 'both' || values.scenario === scenario.name);

interface Scenario {
  name: string;
  rampMs: number;
  turns: number;
  thinkMinMs: number;
  thinkMaxMs: number;
}

const START = /* GraphQL */ `
  mutation {
    startConversation(title: "bench") {
      id
    }
  }
`;
const SEND = /* GraphQL */ `
  mutation ($id: ID!, $text: String!) {
    sendMessage(conversationId: $id, text: $text) {
      id
    }
  }
`;
const STREAM = /* GraphQL */ `
  subscription ($id: ID!) {
    chatStream(messageId: $id) {
      __typename
      ... on ChatTokenDelta {
        text
      }
      ... on ChatMessageCompleted {
        message {
          status
        }
      }
    }
  }
`;

async function request(server: ServerProcess, query: string, variables: Record<string, unknown>, bearer: string): Promise<any> {
  const response = await fetch(server.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

interface TurnResult {
  /** Client-observed TTFT minus the model server's own TTFT: the issue's "time to first token added by the platform". */
  addedTtftMs: number;
  /** sendMessage sent -> the model server received the request: the platform's work before the model starts. */
  sendToModelRequestMs: number;
  /** sendMessage sent -> its answer (the message's ID) received: the client subscribes to chatStream only then. */
  sendToMessageIdMs: number;
  /** The model server wrote the first token -> the client received it: the streaming path's share. */
  firstTokenDeliveryMs: number;
  sendToFirstTokenMs: number;
  streamTokensPerSecond: number;
  totalMs: number;
  tokens: number;
  /** ChatTokenDelta events received (fewer than tokens when deltas were merged for a lagging subscriber). */
  events: number;
  status: string;
}

interface ModelTimings {
  firstTokenAt: Map<string, number>;
  requestAt: Map<string, number>;
}

const now = () => performance.timeOrigin + performance.now();

/** One user: a conversation and one graphql-ws connection kept for all their turns, as an app would. */
async function runChat(server: ServerProcess, index: number, scenario: Scenario, model: ModelTimings): Promise<TurnResult[]> {
  const config = loadConfig();
  const token = await signDevToken(config, { sub: `bench-user-${index}`, tenant: 'demo', roles: ['customer'] });
  const conversationId = (await request(server, START, {}, token)).startConversation.id as string;
  const client = createClient({
    url: server.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 60_000,
  });
  const results: TurnResult[] = [];
  try {
    for (let turn = 0; turn < scenario.turns; turn++) {
      if (turn > 0) await sleep(scenario.thinkMinMs + Math.random() * (scenario.thinkMaxMs - scenario.thinkMinMs));
      results.push(await runTurn(server, client, token, conversationId, `bench-${scenario.name}-${index}-${turn}`, model));
    }
    return results;
  } finally {
    await client.dispose();
  }
}

async function runTurn(
  server: ServerProcess,
  client: Client,
  token: string,
  conversationId: string,
  chatId: string,
  { firstTokenAt, requestAt }: ModelTimings,
): Promise<TurnResult> {
  const sentAt = now();
  const messageId = (await request(server, SEND, { id: conversationId, text: `Tell me about the menu (${chatId})` }, token)).sendMessage
    .id as string;
  const answeredAt = now();
  // Deltas a lagging subscriber receives merged, so tokens are counted in the text, not per event.
  const arrivals: { at: number; tokens: number }[] = [];
  let status = 'NO_COMPLETION';
  await new Promise<void>((resolve, reject) => {
    client.subscribe<any>(
      { query: STREAM, variables: { id: messageId } },
      {
        next: (result) => {
          if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
          const event = result.data?.chatStream;
          if (event?.__typename === 'ChatTokenDelta') arrivals.push({ at: now(), tokens: (event.text.match(/tok\d+ /g) ?? []).length });
          if (event?.__typename === 'ChatMessageCompleted') status = event.message.status;
        },
        error: reject,
        complete: resolve,
      },
    );
  });
  const doneAt = now();
  const serverFirst = firstTokenAt.get(chatId) ?? Number.NaN;
  const serverRequest = requestAt.get(chatId) ?? Number.NaN;
  if (Number.isNaN(serverRequest)) throw new Error(`${chatId} was answered without calling the model`);
  const first = arrivals[0]?.at ?? Number.NaN;
  const streamSeconds = ((arrivals.at(-1)?.at ?? first) - first) / 1000;
  const tokens = arrivals.reduce((sum, arrival) => sum + arrival.tokens, 0);
  return {
    addedTtftMs: first - sentAt - (serverFirst - serverRequest),
    sendToModelRequestMs: serverRequest - sentAt,
    sendToMessageIdMs: answeredAt - sentAt,
    firstTokenDeliveryMs: first - serverFirst,
    sendToFirstTokenMs: first - sentAt,
    // Tokens after the first delivery, over the time they took to arrive.
    streamTokensPerSecond: streamSeconds > 0 ? (tokens - (arrivals[0]?.tokens ?? 0)) / streamSeconds : Number.NaN,
    totalMs: doneAt - sentAt,
    tokens,
    events: arrivals.length,
    status,
  };
}

/** The first errors of chats that failed, published with the table. */
const failureReasons: string[] = [];

async function runScenario(server: ServerProcess, scenario: Scenario, model: ModelTimings): Promise<Row> {
  const started = performance.now();
  const settled = await Promise.allSettled(
    Array.from({ length: chats }, async (_, index) => {
      // Evenly spread joins over the ramp (none for the burst), so load builds as it does when users arrive.
      if (scenario.rampMs > 0) await sleep((index / chats) * scenario.rampMs);
      return runChat(server, index, scenario, model);
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const turns = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  const failures = settled.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
  if (failures.length)
    console.error(
      'failed chats:',
      failures.slice(0, 3).map((failure) => String(failure.reason)),
    );
  // Kept with the table, so a failed chat in a published run can be diagnosed from docs/benchmarks.md.
  for (const failure of failures.slice(0, 3)) failureReasons.push(`${scenario.name}: ${String(failure.reason).slice(0, 300)}`);
  const sorted = (pick: (result: TurnResult) => number) =>
    turns
      .map(pick)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
  const round = (value: number) => (Number.isFinite(value) ? Math.round(value) : 'n/a');
  const p = (pick: (result: TurnResult) => number, q: number) => round(percentile(sorted(pick), q));
  const tokens = turns.reduce((sum, result) => sum + result.tokens, 0);
  const row: Row = {
    load:
      scenario.name === 'burst'
        ? `burst: ${chats} chats send at once`
        : `steady: ${chats} chats, ${scenario.turns} turns each, think ${scenario.thinkMinMs}-${scenario.thinkMaxMs} ms`,
    turns: turns.length,
    failed:
      failures.length * scenario.turns +
      turns.filter((result) => result.status !== 'COMPLETED' || result.tokens !== tokensPerAnswer).length,
    'added TTFT p50 ms': p((result) => result.addedTtftMs, 50),
    'added TTFT p95 ms': p((result) => result.addedTtftMs, 95),
    'send -> model request p50 ms': p((result) => result.sendToModelRequestMs, 50),
    'send -> model request p95 ms': p((result) => result.sendToModelRequestMs, 95),
    'send -> message ID p50 ms': p((result) => result.sendToMessageIdMs, 50),
    'send -> message ID p95 ms': p((result) => result.sendToMessageIdMs, 95),
    'first token delivery p50 ms': p((result) => result.firstTokenDeliveryMs, 50),
    'first token delivery p95 ms': p((result) => result.firstTokenDeliveryMs, 95),
    'tokens/s per stream p50': p((result) => result.streamTokensPerSecond, 50),
    'tokens/s per stream p5': p((result) => result.streamTokensPerSecond, 5),
    'tokens/s delivered (all chats)': round(tokens / wallSeconds),
    'delta events per answer p50': p((result) => result.events, 50),
    'turn p95 ms': p((result) => result.totalMs, 95),
  };
  console.log(row);
  return row;
}

// Before anything else runs: the machine's own cross-process latency, to read the table against.
const loopback = await measureLoopbackRoundTrip();
console.log(describeLoopbackRoundTrip(loopback));
const model = await startTimedModelServer({ tokensPerAnswer, tokenIntervalMs, modelTtftMs });
process.env.OPENAI_BASE_URL = model.baseURL;
process.env.MODEL_MAX_RETRIES = '0';
// Every question must reach the model: the semantic cache would answer similar opening questions without it.
process.env.SEMANTIC_CACHE_TTL_MS = '0';
// With Redis the services run as in production, one process each; embedded mode is one process by design.
const perService = Boolean(process.env.REDIS_URL) && values.topology !== 'single';
const server = await startServerProcess(4600, { perService });
const rows: Row[] = [];
try {
  await sleep(Number(values['settle-ms']));
  // One chat first, so start-up work (JIT, prompt rendering, first connections) is not measured.
  await runChat(server, 100_000, { name: 'warm-up', rampMs: 0, turns: 2, thinkMinMs: 0, thinkMaxMs: 0 }, model);
  for (const scenario of scenarios) {
    rows.push(await runScenario(server, scenario, model));
    await sleep(2_000);
  }
} finally {
  await server.stop();
  await model.close();
}
const config = loadConfig();
const transport = `${config.REDIS_URL ? 'Redis Streams' : 'in-process bus'}, ${config.databaseUrlFor('assistant').startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}${perService ? ', a process per service' : ''}`;
await publishReport(
  `bench:chat (${transport})`,
  `${chats} users chat through the gateway: startConversation once, then per turn sendMessage over HTTP (as Apollo Client's split link sends mutations) and chatStream over the user's one graphql-ws connection. A scripted OpenAI-compatible model server (in a worker thread of the benchmark's process, so its work does not delay the clients) answers every message with ${tokensPerAnswer} tokens, ${tokenIntervalMs} ms apart, after ${modelTtftMs} ms. ` +
    '"Added TTFT" is what the issue asks for: the client\'s time to first token (sendMessage sent -> first ChatTokenDelta received) minus the model server\'s own (request received -> first token written), both on the benchmark\'s clock. It splits into "send -> model request" (sendMessage through the gateway, redaction, screening, the writes, the prompt) and "first token delivery" (model server wrote it -> the client has it: the assistant\'s stream, hub, subscription bridge and gateway). "send -> message ID" is when sendMessage\'s answer reached the client, which subscribes to chatStream only then; a token written before that waits for the subscription. ' +
    `Rows: "burst" starts every chat at the same instant with one message each, so its numbers are mostly queueing behind the other ${chats - 1}; "steady" has the chats join evenly over ${values['ramp-ms']} ms, so all ${chats} are open and streaming together. Started ${values['settle-ms']} ms after the server reported ready, after a warm-up chat. The model streams at ${Math.round(1000 / Math.max(1, tokenIntervalMs))} tokens/s; "tokens/s per stream" counts from the first delta received to the last, so it exceeds that when the first one came late. ${perService ? 'The gateway and each subgraph run in their own process, as `npm run start:<service>` does' : 'The supergraph runs as `npm start` does, in one process of its own'} (${transport}). ${describeLoopbackRoundTrip(loopback)}${failureReasons.length ? ` Failed chats (first errors): ${failureReasons.map((reason) => `\`${reason.replaceAll('`', "'")}\``).join('; ')}.` : ''}`,
  rows,
);
