import 'reflect-metadata';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Client } from 'graphql-ws';
import { signDevToken } from '../../platform/auth/jwt.js';
import type { Role } from '../../platform/auth/principal.js';
import { loadConfig } from '../../platform/config.js';
import { loadBeirDataset, type CorpusDocument } from '../retrieval-eval/scifact-loader.js';
import { chatTurn, gql, SEARCH, START, wsClient, type Outcome } from './abuse-traffic.js';
import { markdownTable, percentile, publishReport, type Row } from './benchmark-report.js';
import { readProcessMemory, slope } from './process-memory.js';
import { sampleMemory } from './server-memory.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';
import { startTimedModelServer } from './timed-model-server.js';

/**
 * `npm run bench:soak [-- --minutes 10 --dataset ../shared/datasets/scifact]`: `npm start`'s one process loads SciFact
 * through the gateway's public API (ingestDocument, several aliased in one mutation), then serves a steady mixed load
 * of two tenants for `--minutes` while its memory is sampled every `--sample-seconds`. Issue 22's memory goal: RSS
 * under 1 GB and flat (the slope over the last 5 minutes near zero).
 */
const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: '../shared/datasets/scifact' },
    minutes: { type: 'string', default: '10' },
    /** Documents of the corpus to load (all by default; fewer for a quick try of the script). */
    documents: { type: 'string' },
    /** ingestDocument fields per mutation: 8 × cost 500 stays under the operation cost limit of 5,000. */
    'ingest-batch': { type: 'string', default: '8' },
    'ingest-in-flight': { type: 'string', default: '2' },
    'users-per-tenant': { type: 'string', default: '3' },
    'sample-seconds': { type: 'string', default: '15' },
    port: { type: 'string', default: '4900' },
  },
});

const SHOP = 'demo';
const LIBRARY = 'scifact';
const config = loadConfig();
const token = (tenant: string, sub: string, roles: Role[]) => signDevToken(config, { sub, tenant, roles });

const INGEST_FIELDS = (count: number) =>
  `mutation (${Array.from({ length: count }, (_, i) => `$d${i}: IngestDocumentInput!`).join(', ')}) { ${Array.from(
    { length: count },
    (_, i) => `j${i}: ingestDocument(input: $d${i}) { id }`,
  ).join(' ')} }`;
// With variables, as a client would send it: one document per batch size, not one per set of job IDs.
const JOB_STATUSES = (count: number) =>
  `query (${Array.from({ length: count }, (_, i) => `$i${i}: ID!`).join(', ')}) { ${Array.from(
    { length: count },
    (_, i) => `j${i}: ingestionJob(id: $i${i}) { status errorCode }`,
  ).join(' ')} }`;
const MENU = /* GraphQL */ `
  query {
    products(first: 20) {
      edges {
        node {
          id
          name
          priceCents
          available
        }
      }
    }
  }
`;
const CREATE_ORDER = /* GraphQL */ `
  mutation ($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
      totalCents
    }
  }
`;
const ORDER_EVENTS = /* GraphQL */ `
  subscription {
    orderEvents {
      eventId
      order {
        id
        status
        helpArticles {
          title
        }
      }
    }
  }
`;
const LISTING = /* GraphQL */ `
  query ($first: Int!, $offset: Int!) {
    documents(scope: "scifact", first: $first, offset: $offset) {
      id
      title
      chunks(first: 5) {
        text
      }
    }
  }
`;
const SINGLE_INGEST = INGEST_FIELDS(1);
const SHOP_QUESTIONS = ['gluten free pizza', 'how do refunds work', 'delivery area and fees', 'vegan options', 'opening hours'];

const outcomes = new Map<string, Outcome[]>();
function record(kind: string, outcome: Outcome): void {
  const list = outcomes.get(kind) ?? [];
  list.push(outcome);
  outcomes.set(kind, list);
}

const asInput = (document: CorpusDocument, suffix = '') => ({
  scope: LIBRARY,
  format: 'TEXT',
  title: document.title || null,
  text: `${document.text}${suffix}`,
  sourceName: `scifact-${document.id}`,
});

async function loadCorpus(server: ServerProcess, corpus: CorpusDocument[], admin: string): Promise<number> {
  const started = performance.now();
  const batchSize = Number(values['ingest-batch']);
  const jobIds: string[] = [];
  let next = 0;
  const submitter = async () => {
    while (next < corpus.length) {
      const batch = corpus.slice(next, next + batchSize);
      next += batch.length;
      const variables = Object.fromEntries(batch.map((document, i) => [`d${i}`, asInput(document)]));
      const result = await gql(server.gatewayUrl, admin, INGEST_FIELDS(batch.length), variables);
      if (result.code !== 'OK') throw new Error(`ingestDocument refused: ${result.code}`);
      jobIds.push(...batch.map((_, i) => result.data[`j${i}`].id as string));
    }
  };
  await Promise.all(Array.from({ length: Number(values['ingest-in-flight']) }, submitter));
  console.log(`${corpus.length} ingestion jobs queued in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // Jobs run in the order they were queued: follow the oldest unfinished ones, 15 per request (the alias limit).
  let done = 0;
  let failed = 0;
  while (done < jobIds.length) {
    const ids = jobIds.slice(done, done + 15);
    const result = await gql(server.gatewayUrl, admin, JOB_STATUSES(ids.length), Object.fromEntries(ids.map((id, i) => [`i${i}`, id])));
    if (result.code !== 'OK') throw new Error(`ingestionJob: ${result.code}`);
    const statuses = ids.map((_, i) => result.data[`j${i}`] as { status: string; errorCode: string | null });
    const finished = statuses.findIndex((job) => job.status !== 'SUCCEEDED' && job.status !== 'FAILED');
    const advanced = finished === -1 ? ids.length : finished;
    failed += statuses.slice(0, advanced).filter((job) => job.status === 'FAILED').length;
    done += advanced;
    if (advanced === 0) {
      process.stdout.write(`\r${done}/${jobIds.length} ingested`);
      await sleep(1000);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${jobIds.length} documents ingested in ${seconds.toFixed(0)} s (${failed} failed)`);
  if (failed > 0) throw new Error(`${failed} ingestion jobs failed`);
  return seconds;
}

/** Runs `step` every `periodMs` (after a random phase, so users do not beat in step) until `until`. */
async function every(periodMs: number, until: number, step: (round: number) => Promise<void>): Promise<void> {
  await sleep(Math.random() * periodMs);
  for (let round = 0; Date.now() < until; round++) {
    const due = Date.now() + periodMs;
    await step(round);
    await sleep(Math.max(0, Math.min(due, until) - Date.now()));
  }
}

async function chatLoop(server: ServerProcess, bearer: string, until: number, questions: string[], periodMs: number): Promise<void> {
  const ws: Client = wsClient(server.gatewayUrl, bearer);
  let conversationId = '';
  try {
    await every(periodMs, until, async (round) => {
      // A new conversation every 5 turns, as visitors come and go.
      if (round % 5 === 0) {
        const started = await gql(server.gatewayUrl, bearer, START);
        record('startConversation', started);
        if (started.code !== 'OK') return;
        conversationId = started.data.startConversation.id;
      }
      record('chat turn', await chatTurn(server.gatewayUrl, ws, bearer, conversationId, questions[round % questions.length]!));
    });
  } finally {
    await ws.dispose();
  }
}

async function shopUser(server: ServerProcess, index: number, until: number, productIds: string[]): Promise<void> {
  const bearer = await token(SHOP, `soak-customer-${index}`, ['customer']);
  await Promise.all([
    every(3000, until, async () => record('menu', await gql(server.gatewayUrl, bearer, MENU))),
    every(4000, until, async (round) =>
      record(
        'search HYBRID (shop)',
        await gql(server.gatewayUrl, bearer, SEARCH, {
          q: SHOP_QUESTIONS[round % SHOP_QUESTIONS.length],
          mode: 'HYBRID',
          first: 10,
          rerank: false,
        }),
      ),
    ),
    every(10_000, until, async (round) => {
      const items = [{ productId: productIds[(index + round) % productIds.length], quantity: 1 + (round % 2) }];
      record(
        'createOrder',
        await gql(server.gatewayUrl, bearer, CREATE_ORDER, { input: { items }, key: `soak-${index}-${round}-${until}` }),
      );
    }),
    chatLoop(server, bearer, until, SHOP_QUESTIONS, 15_000),
  ]);
}

async function libraryUser(
  server: ServerProcess,
  index: number,
  until: number,
  queries: string[],
  corpus: CorpusDocument[],
): Promise<void> {
  const bearer = await token(LIBRARY, `soak-researcher-${index}`, ['staff']);
  await Promise.all([
    every(2000, until, async (round) =>
      record(
        'search HYBRID (SciFact)',
        await gql(server.gatewayUrl, bearer, SEARCH, {
          q: queries[(index * 97 + round) % queries.length],
          mode: 'HYBRID',
          first: 10,
          rerank: false,
        }),
      ),
    ),
    every(10_000, until, async (round) =>
      record(
        'documents page',
        await gql(server.gatewayUrl, bearer, LISTING, {
          first: 50,
          offset: ((index * 31 + round) * 50) % Math.max(50, corpus.length - 50),
        }),
      ),
    ),
    chatLoop(
      server,
      bearer,
      until,
      queries.slice(index * 20, index * 20 + 20).map((query) => `What does the literature say: ${query}`),
      20_000,
    ),
    // Occasional ingestions: a known abstract with a new line, so it is stored rather than deduplicated.
    index === 0
      ? every(30_000, until, async (round) => {
          const document = corpus[round % corpus.length]!;
          const result = await gql(server.gatewayUrl, bearer, SINGLE_INGEST, { d0: asInput(document, `\nRevision ${round} at ${until}.`) });
          record('ingestDocument', result);
        })
      : Promise.resolve(),
  ]);
}

/** Staff screens following the shop's orders for the whole load; each event counts as served. */
function followOrders(server: ServerProcess, bearers: string[]): { stop(): Promise<void> } {
  const clients = bearers.map((bearer) => wsClient(server.gatewayUrl, bearer));
  const disposers = clients.map((client) =>
    client.subscribe<any>(
      { query: ORDER_EVENTS },
      {
        next: (result) =>
          record('orderEvents event', {
            ms: 0,
            code: result.errors ? ((result.errors[0] as any)?.extensions?.code ?? 'STREAM_ERROR') : 'OK',
          }),
        error: () => record('orderEvents event', { ms: 0, code: 'STREAM_ERROR' }),
        complete: () => undefined,
      },
    ),
  );
  return {
    stop: async () => {
      disposers.forEach((dispose) => dispose());
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

interface Sample {
  atMinutes: number;
  phase: string;
  rssMiB: number;
  peakRssMiB: number;
  wasmMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

async function main(): Promise<void> {
  const minutes = Number(values.minutes);
  const dataset = await loadBeirDataset(values.dataset, 'train');
  const corpus = values.documents ? dataset.corpus.slice(0, Number(values.documents)) : dataset.corpus;
  const queries = dataset.queries.map((query) => query.text);
  const model = await startTimedModelServer({ tokensPerAnswer: 60, tokenIntervalMs: 15, modelTtftMs: 200 });
  process.env.OPENAI_BASE_URL = model.baseURL;
  process.env.MODEL_MAX_RETRIES = '0';
  const loadBefore = os.loadavg();
  const server = await startServerProcess(Number(values.port));
  const metricsUrl = `http://127.0.0.1:${values.port}/metrics`;
  const samples: Sample[] = [];
  const began = Date.now();
  let phase = 'loading SciFact';
  let loadStartedAt = 0;
  const sample = async () => {
    const [metrics, proc] = await Promise.all([sampleMemory(metricsUrl, phase), readProcessMemory(server.pid!)]);
    const atMinutes = (Date.now() - (loadStartedAt || began)) / 60_000;
    const entry = {
      atMinutes,
      phase,
      ...proc,
      heapUsedMiB: metrics.heapUsedMiB,
      heapTotalMiB: metrics.heapTotalMiB,
      externalMiB: metrics.externalMiB,
    };
    samples.push(entry);
    console.log(JSON.stringify({ ...entry, atMinutes: Number(atMinutes.toFixed(2)) }));
  };
  const sampler = setInterval(
    () => void sample().catch((error) => console.error('sample failed', error)),
    Number(values['sample-seconds']) * 1000,
  );
  let ingestSeconds: number;
  let loadAverages: number[][] = [];
  try {
    await sample();
    const admin = await token(LIBRARY, 'soak-loader', ['admin']);
    ingestSeconds = await loadCorpus(server, corpus, admin);
    phase = 'after SciFact load';
    await sample();
    const customer = await token(SHOP, 'soak-menu-reader', ['customer']);
    const menu = await gql(server.gatewayUrl, customer, MENU);
    const productIds = (menu.data.products.edges as { node: { id: string; available: boolean } }[])
      .filter((edge) => edge.node.available)
      .map((edge) => edge.node.id);
    const staff = await Promise.all([0, 1].map((i) => token(SHOP, `soak-kitchen-${i}`, ['staff'])));
    const screens = followOrders(server, staff);
    phase = 'mixed load';
    loadStartedAt = Date.now();
    const until = loadStartedAt + minutes * 60_000;
    const loadSampler = setInterval(() => loadAverages.push(os.loadavg()), 60_000);
    const users = Number(values['users-per-tenant']);
    await Promise.all([
      ...Array.from({ length: users }, (_, i) => shopUser(server, i, until, productIds)),
      ...Array.from({ length: users }, (_, i) => libraryUser(server, i, until, queries, corpus)),
    ]);
    clearInterval(loadSampler);
    await screens.stop();
    phase = 'end of load';
    await sample();
  } finally {
    clearInterval(sampler);
    await server.stop();
    await model.close();
  }
  loadAverages = loadAverages.length ? loadAverages : [os.loadavg()];
  await publish(samples, ingestSeconds, corpus.length, minutes, loadBefore, loadAverages);
}

async function publish(
  samples: Sample[],
  ingestSeconds: number,
  documents: number,
  minutes: number,
  loadBefore: number[],
  loadAverages: number[][],
) {
  const loaded = samples.find((entry) => entry.phase === 'after SciFact load')!;
  const during = samples.filter((entry) => entry.phase !== 'loading SciFact' && entry.phase !== 'after SciFact load');
  const row = (moment: string, entry: Sample): Row => ({
    moment,
    'RSS MiB': entry.rssMiB,
    'PGlite WASM MiB': entry.wasmMiB,
    'heap used MiB': entry.heapUsedMiB,
    'heap total MiB': entry.heapTotalMiB,
    'external MiB': entry.externalMiB,
    'peak RSS MiB': entry.peakRssMiB,
  });
  const rows: Row[] = [row('after SciFact load', loaded)];
  for (let minute = 1; minute <= minutes; minute++) {
    const closest = during.reduce((best, entry) => (Math.abs(entry.atMinutes - minute) < Math.abs(best.atMinutes - minute) ? entry : best));
    rows.push(row(`minute ${minute} (${closest.atMinutes.toFixed(1)})`, closest));
  }
  const maxRss = Math.max(...during.map((entry) => entry.rssMiB));
  const lastFive = during.filter((entry) => entry.atMinutes >= minutes - 5);
  const rssSlope = slope(lastFive.map((entry) => ({ x: entry.atMinutes, y: entry.rssMiB })));
  const wasmSlope = slope(lastFive.map((entry) => ({ x: entry.atMinutes, y: entry.wasmMiB })));
  const heapSlope = slope(lastFive.map((entry) => ({ x: entry.atMinutes, y: entry.heapUsedMiB })));
  rows.push({
    moment: `max during load (${during.length} samples)`,
    'RSS MiB': maxRss,
    'PGlite WASM MiB': Math.max(...during.map((entry) => entry.wasmMiB)),
    'heap used MiB': Math.max(...during.map((entry) => entry.heapUsedMiB)),
    'heap total MiB': Math.max(...during.map((entry) => entry.heapTotalMiB)),
    'external MiB': Math.max(...during.map((entry) => entry.externalMiB)),
    'peak RSS MiB': Math.max(...during.map((entry) => entry.peakRssMiB)),
  });
  rows.push({
    moment: `slope over the last 5 min, MiB/min (${lastFive.length} samples)`,
    'RSS MiB': rssSlope.toFixed(1),
    'PGlite WASM MiB': wasmSlope.toFixed(1),
    'heap used MiB': heapSlope.toFixed(1),
    'heap total MiB': '',
    'external MiB': '',
    'peak RSS MiB': '',
  });
  const served: Row[] = [...outcomes].map(([kind, list]) => {
    const timed = list.map((outcome) => outcome.ms).sort((a, b) => a - b);
    const errors = new Map<string, number>();
    for (const outcome of list) if (outcome.code !== 'OK') errors.set(outcome.code, (errors.get(outcome.code) ?? 0) + 1);
    return {
      kind,
      served: list.length - [...errors.values()].reduce((sum, count) => sum + count, 0),
      errors: [...errors].map(([code, count]) => `${code} ${count}`).join(', ') || 0,
      'p50 ms': kind === 'orderEvents event' ? '' : Math.round(percentile(timed, 50)),
      'p95 ms': kind === 'orderEvents event' ? '' : Math.round(percentile(timed, 95)),
    };
  });
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const verdict =
    `RSS after the SciFact load ${loaded.rssMiB} MiB, max during the load ${maxRss} MiB (${maxRss < 1024 ? 'under' : 'over'} 1 GiB), ` +
    `slope over the last 5 minutes ${rssSlope.toFixed(1)} MiB/min.`;
  console.log(verdict);
  await publishReport(
    'Memory soak (bench:soak)',
    "`npm run bench:soak` (test/bench/soak-bench.ts): `npm start`'s one process in a child process (embedded PGlite in a worker thread, offline embedder, rate limits off as in every bench), " +
      `a scripted model server (test/bench/timed-model-server.ts: 200 ms to the first token, 60 tokens 15 ms apart) in a worker thread of the bench. ` +
      `SciFact (${documents} abstracts, tenant \`${LIBRARY}\`) is loaded through the gateway's public API: \`ingestDocument\` ${values['ingest-batch']} aliased per mutation, ` +
      `${values['ingest-in-flight']} mutations in flight (the API has no bulk import), then the bench waits until every job has SUCCEEDED: ${Math.round(ingestSeconds)} s from the first mutation to the last job. ` +
      `Then ${minutes} minutes of mixed load, ${values['users-per-tenant']} users per tenant: shop customers (\`${SHOP}\`) read the menu every 3 s, search HYBRID every 4 s, place an order every 10 s and chat every 15 s ` +
      `(a new conversation every 5 turns); 2 staff screens follow \`orderEvents\` (with helpArticles) all along; SciFact researchers (staff) search HYBRID with SciFact's queries every 2 s, ` +
      'read a page of 50 documents (5 chunks each) every 10 s and chat every 20 s; one of them ingests an abstract every 30 s. ' +
      `Memory every ${values['sample-seconds']} s: RSS, its high-water mark and the resident part of WebAssembly memories (PGlite's Postgres heap: the mappings of 8+ GiB reservations) from /proc/<pid>/status and smaps; ` +
      'V8 heap and external (which includes array buffers) from the process\'s /metrics. No forced GC. "minute N" is the sample nearest to N minutes into the load (its actual time in brackets); ' +
      `the slope is a least-squares fit over the samples of the last 5 minutes. Load average (1/5/15 min) before: ${load(loadBefore)}; during the load, per minute: ` +
      `${loadAverages.map((values) => values[0]!.toFixed(1)).join(', ')} (2 cores shared with other helpers' tests and benches).\n\n${verdict}\n\nRequests served per kind (errors by code):\n\n${markdownTable(served)}\n\nMemory:`,
    rows,
  );
}

await main();
