import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.js';
import { percentile, publishReport, type Row } from './benchmark-report.js';
import { runChat, type ModelTimings, type Scenario, type TurnResult } from './chat-bench-client.js';
import { describeLoopbackRoundTrip, measureLoopbackRoundTrip } from './loopback-round-trip.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';
import { startTimedModelServer } from './timed-model-server.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';

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
    /** Per-service only: assistant processes behind a round-robin TCP balancer (a subscriber often reaches the replica not running its turn). */
    'assistant-replicas': { type: 'string', default: '1' },
    /** The gateway's port; the services take the next ones (a shared machine may have other benches on 4600+). */
    'base-port': { type: 'string', default: '4600' },
    /** Start-up keeps working after "RAGline is running" (seeding and indexing the knowledge base); wait it out. */
    'settle-ms': { type: 'string', default: '0' },
    /** Tracing on: the server exports OTLP/HTTP to a receiver in this process (its own section of docs/benchmarks.md). */
    tracing: { type: 'boolean', default: false },
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
const assistantReplicas = perService ? Number(values['assistant-replicas']) : 1;
// Tracing on: every service exports to this receiver (the batch processor's defaults: 5 s or 512 spans per export).
let receiver: OtlpReceiver | undefined;
if (values.tracing) {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
} else {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
}
const server = await startServerProcess(Number(values['base-port']), { perService, assistantReplicas });
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
  await receiver?.close();
}
const tracingNote = receiver
  ? ` Tracing ON: every service exported OTLP/HTTP (JSON, batched) to a receiver in the benchmark's process, which received ${receiver.spans.length} spans in ${receiver.requests} requests (warm-up included).`
  : ' Tracing off (no OTEL_* endpoint).';
const config = loadConfig();
const transport = `${config.REDIS_URL ? 'Redis Streams' : 'in-process bus'}, ${config.databaseUrlFor('assistant').startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}${perService ? ', a process per service' : ''}${assistantReplicas > 1 ? `, ${assistantReplicas} assistant replicas behind a round-robin TCP balancer` : ''}`;
await publishReport(
  `bench:chat (${transport}${receiver ? ', tracing on' : ''})`,
  `${chats} users chat through the gateway: startConversation once, then per turn sendMessage over HTTP (as Apollo Client's split link sends mutations) and chatStream over the user's one graphql-ws connection. A scripted OpenAI-compatible model server (in a worker thread of the benchmark's process, so its work does not delay the clients) answers every message with ${tokensPerAnswer} tokens, ${tokenIntervalMs} ms apart, after ${modelTtftMs} ms. ` +
    '"Added TTFT" is what the issue asks for: the client\'s time to first token (sendMessage sent -> first ChatTokenDelta received) minus the model server\'s own (request received -> first token written), both on the benchmark\'s clock. It splits into "send -> model request" (sendMessage through the gateway, redaction, screening, the writes, the prompt) and "first token delivery" (model server wrote it -> the client has it: the assistant\'s stream, hub, subscription bridge and gateway). "send -> message ID" is when sendMessage\'s answer reached the client, which subscribes to chatStream only then; a token written before that waits for the subscription. ' +
    `Rows: "burst" starts every chat at the same instant with one message each, so its numbers are mostly queueing behind the other ${chats - 1}; "steady" has the chats join evenly over ${values['ramp-ms']} ms, so all ${chats} are open and streaming together. Started ${values['settle-ms']} ms after the server reported ready, after a warm-up chat. The model streams at ${Math.round(1000 / Math.max(1, tokenIntervalMs))} tokens/s; "tokens/s per stream" counts from the first delta received to the last, so it exceeds that when the first one came late. ${perService ? 'The gateway and each subgraph run in their own process, as `npm run start:<service>` does' : 'The supergraph runs as `npm start` does, in one process of its own'} (${transport}). ${describeLoopbackRoundTrip(loopback)}${tracingNote}${failureReasons.length ? ` Failed chats (first errors): ${failureReasons.map((reason) => `\`${reason.replaceAll('`', "'")}\``).join('; ')}.` : ''}`,
  rows,
);
