import os from 'node:os';
import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import {
  ASSEMBLE,
  chatTurn,
  gql,
  INGEST,
  INGESTION_JOB,
  largeDocument,
  BOMBS,
  HEAVIEST_ALLOWED,
  SEARCH,
  START,
  SEND,
  wsClient,
  type Outcome,
} from './abuse-traffic.js';
import { markdownTable, percentile, publishReport, type Row } from './benchmark-report.js';
import { sampleMemory, type MemorySample } from './server-memory.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';

/**
 * `npm run bench:abuse`: a victim tenant's search and chat latency while an attacker tenant sends the heaviest
 * operations the limits allow, against the same without the attacker. Rate limits are ON (production's defaults). The
 * phases alternate (baseline, attack, baseline, attack, ...) so a drift of the shared machine hits both alike. The
 * server's memory is sampled at start, after the attacker's large ingestions, after the attack and after idling.
 */
const { values } = parseArgs({
  options: {
    'phase-seconds': { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    /** Attacker users (admins of their own tenant: the largest per-user budgets). */
    attackers: { type: 'string', default: '6' },
    /** Attacker requests in flight at once. */
    concurrency: { type: 'string', default: '12' },
    'victim-users': { type: 'string', default: '3' },
    'ingest-documents': { type: 'string', default: '4' },
    'ingest-kib': { type: 'string', default: '200' },
    'idle-seconds': { type: 'string', default: '30' },
    port: { type: 'string', default: '4700' },
    /** TENANT_HEAVY_IN_FLIGHT for the server (unset: production's default); a large value shows the bench without it. */
    'heavy-in-flight': { type: 'string' },
  },
});
const phaseMs = Number(values['phase-seconds']) * 1000;
const rounds = Number(values.rounds);
const config = loadConfig();
const token = (tenant: string, sub: string, roles: ('customer' | 'admin')[]) => signDevToken(config, { sub, tenant, roles });

type Phase = 'warm-up' | 'baseline' | 'attack';
const victimSamples = new Map<string, Record<'baseline' | 'attack', Outcome[]>>();
const attackerCounts = new Map<string, Map<string, number>>();

function recordVictim(operation: string, phase: Phase, outcome: Outcome): void {
  if (phase === 'warm-up') return;
  const entry = victimSamples.get(operation) ?? { baseline: [], attack: [] };
  entry[phase].push(outcome);
  victimSamples.set(operation, entry);
}

function recordAttacker(operation: string, code: string): void {
  const counts = attackerCounts.get(operation) ?? new Map<string, number>();
  counts.set(code, (counts.get(code) ?? 0) + 1);
  attackerCounts.set(operation, counts);
}

const QUESTIONS = ['gluten free pizza', 'how do refunds work', 'delivery area and fees', 'vegan options', 'opening hours'];

/** One victim user: a search every 600 ms (cycling the modes) and a chat turn every 5 s, in one conversation. */
async function victim(server: ServerProcess, index: number, phase: Phase, until: number): Promise<void> {
  const bearer = await token('demo', `victim-${index}`, ['customer']);
  const searches = (async () => {
    for (let step = index; Date.now() < until; step++) {
      const next = Date.now() + 600;
      const mode = (['KEYWORD', 'HYBRID', 'VECTOR'] as const)[step % 3]!;
      const outcome = await gql(server.gatewayUrl, bearer, SEARCH, {
        q: QUESTIONS[step % QUESTIONS.length],
        mode,
        first: 10,
        rerank: false,
      });
      recordVictim(`search ${mode}`, phase, outcome);
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
  const chats = (async () => {
    const ws = wsClient(server.gatewayUrl, bearer);
    try {
      const started = await gql(server.gatewayUrl, bearer, START);
      if (started.code !== 'OK') throw new Error(`victim startConversation: ${started.code}`);
      for (let turn = 0; Date.now() < until; turn++) {
        const next = Date.now() + 5000;
        const text = `Which ${QUESTIONS[(turn + index) % QUESTIONS.length]} do you have? (${turn})`;
        recordVictim('chat turn', phase, await chatTurn(server.gatewayUrl, ws, bearer, started.data.startConversation.id, text));
        await sleep(Math.max(0, Math.min(next, until) - Date.now()));
      }
    } finally {
      await ws.dispose();
    }
  })();
  await Promise.all([searches, chats]);
}

/** The attacker's operations, in turn: each worker sends the next as soon as the previous one is answered. */
const ATTACKS: [string, (bearer: string, url: string) => Promise<Outcome>][] = [
  [
    'search first:50 rerank',
    (bearer, url) => gql(url, bearer, SEARCH, { q: 'pizza delivery refund', mode: 'HYBRID', first: 50, rerank: true }),
  ],
  ['assembleContext 8000', (bearer, url) => gql(url, bearer, ASSEMBLE, { q: 'allergen gluten oven', budget: 8000 })],
  [
    'startConversation+sendMessage',
    async (bearer, url) => {
      const started = await gql(url, bearer, START);
      if (started.code !== 'OK') return started;
      return gql(url, bearer, SEND, {
        id: started.data.startConversation.id,
        text: 'Tell me everything about every pizza and its allergens.',
      });
    },
  ],
  ['12 × search first:50 rerank (cost 4,200)', (bearer, url) => gql(url, bearer, HEAVIEST_ALLOWED)],
  ...Object.entries(BOMBS).map(([name, query]): [string, (bearer: string, url: string) => Promise<Outcome>] => [
    name,
    (bearer, url) => gql(url, bearer, query),
  ]),
];

async function attacker(server: ServerProcess, bearers: string[], worker: number, until: number): Promise<void> {
  const bearer = bearers[worker % bearers.length]!;
  for (let step = worker; Date.now() < until; step++) {
    const [name, send] = ATTACKS[step % ATTACKS.length]!;
    const outcome = await send(bearer, server.gatewayUrl);
    recordAttacker(name, outcome.code);
    // A refusal comes back in about a millisecond; without a pause the client (on the same 2 cores) would spin.
    if (outcome.code === 'RATE_LIMITED') await sleep(20);
  }
}

async function ingestAttackerDocuments(server: ServerProcess, bearer: string): Promise<string> {
  const started = performance.now();
  const jobs: string[] = [];
  for (let index = 0; index < Number(values['ingest-documents']); index++) {
    const text = largeDocument(index, Number(values['ingest-kib']));
    const outcome = await gql(server.gatewayUrl, bearer, INGEST, { input: { scope: 'faq', format: 'MARKDOWN', text } });
    if (outcome.code !== 'OK') throw new Error(`attacker ingestion refused: ${outcome.code}`);
    jobs.push(outcome.data.ingestDocument.id);
  }
  for (const id of jobs) {
    for (;;) {
      const job = await gql(server.gatewayUrl, bearer, INGESTION_JOB, { id });
      const status = job.data?.ingestionJob?.status;
      if (status === 'SUCCEEDED') break;
      if (status === 'FAILED' || job.code !== 'OK') throw new Error(`attacker ingestion ${id}: ${status ?? job.code}`);
      await sleep(250);
    }
  }
  return `${jobs.length} × ${values['ingest-kib']} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** The demo tenant's knowledge base is seeded and indexed after start: wait until a search finds it. */
async function waitForSeed(server: ServerProcess): Promise<void> {
  const bearer = await token('demo', 'victim-0', ['customer']);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const outcome = await gql(server.gatewayUrl, bearer, SEARCH, { q: 'pizza', mode: 'HYBRID', first: 1, rerank: false });
    if (outcome.code === 'OK' && outcome.data.search.length > 0) return;
    await sleep(500);
  }
  throw new Error('the demo knowledge base was not searchable within 120 s');
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

function victimRows(): Row[] {
  return [...victimSamples.entries()].map(([operation, phases]) => {
    const stats = (outcomes: Outcome[]) => {
      const sorted = outcomes
        .filter((outcome) => outcome.code === 'OK')
        .map((outcome) => outcome.ms)
        .sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length, failed: outcomes.length - sorted.length };
    };
    const base = stats(phases.baseline);
    const attack = stats(phases.attack);
    const failures = [...phases.baseline, ...phases.attack].filter((outcome) => outcome.code !== 'OK').map((outcome) => outcome.code);
    return {
      'victim operation': operation,
      'baseline p50 ms': ms(base.p50),
      'baseline p95 ms': ms(base.p95),
      'attack p50 ms': ms(attack.p50),
      'attack p95 ms': ms(attack.p95),
      'p95 ratio': (attack.p95 / base.p95).toFixed(2),
      'n (base/attack)': `${base.n}/${attack.n}`,
      'victim errors': failures.length ? [...new Set(failures)].join(', ') : 'none',
    };
  });
}

function attackerRows(): Row[] {
  return [...attackerCounts.entries()].map(([operation, counts]) => {
    const sent = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const refused = [...counts.entries()].filter(([code]) => code !== 'OK').map(([code, count]) => `${code} ${count}`);
    return { 'attacker operation': operation, sent, accepted: counts.get('OK') ?? 0, 'refused (by code)': refused.join(', ') || 'none' };
  });
}

async function main(): Promise<void> {
  const port = Number(values.port);
  const heavyInFlight = values['heavy-in-flight'];
  const server = await startServerProcess(port, {
    env: { RATE_LIMITS: 'on', ...(heavyInFlight ? { TENANT_HEAVY_IN_FLIGHT: heavyInFlight } : {}) },
  });
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  const memory: MemorySample[] = [];
  try {
    await waitForSeed(server);
    memory.push(await sampleMemory(metricsUrl, 'started, demo tenant seeded'));
    const attackers = await Promise.all(
      Array.from({ length: Number(values.attackers) }, (_, index) => token('attacker', `attacker-${index}`, ['admin'])),
    );
    const ingestion = await ingestAttackerDocuments(server, attackers[0]!);
    memory.push(await sampleMemory(metricsUrl, `after ingesting ${ingestion}`));
    const phases: Phase[] = ['warm-up', ...Array.from({ length: rounds }, () => ['baseline', 'attack'] as Phase[]).flat()];
    for (const phase of phases) {
      const until = Date.now() + phaseMs;
      const work = Array.from({ length: Number(values['victim-users']) }, (_, index) => victim(server, index, phase, until));
      if (phase === 'attack') {
        work.push(...Array.from({ length: Number(values.concurrency) }, (_, worker) => attacker(server, attackers, worker, until)));
      }
      await Promise.all(work);
      console.log(`${phase} phase done`);
      // Let the answers still streaming for the attacker finish before the next phase measures.
      await sleep(2000);
    }
    memory.push(await sampleMemory(metricsUrl, 'after the attack phases'));
    await sleep(Number(values['idle-seconds']) * 1000);
    memory.push(await sampleMemory(metricsUrl, `after ${values['idle-seconds']} s idle`));
  } finally {
    await server.stop();
  }
  const attackerTable = markdownTable(attackerRows());
  console.log(`\n${attackerTable}\n`);
  const memoryRows = memory.map((sample) => ({
    'server memory': sample.label,
    'RSS MiB': sample.rssMiB,
    'heap used MiB': sample.heapUsedMiB,
    'heap total MiB': sample.heapTotalMiB,
    'external MiB': sample.externalMiB,
  }));
  const gate = heavyInFlight ? `TENANT_HEAVY_IN_FLIGHT=${heavyInFlight}` : 'TENANT_HEAVY_IN_FLIGHT at its default';
  await publishReport(
    `Abuse: a victim tenant under an attacking one (bench:abuse, ${gate})`,
    `\`npm run bench:abuse\` (test/bench/abuse-bench.ts): \`npm start\`'s one process (embedded PGlite, in-process bus, offline model and embedder) in a child process, rate limits ON with production's defaults. ` +
      `Victim: ${values['victim-users']} customers of the demo tenant, each searching every 600 ms (KEYWORD, HYBRID, VECTOR in turn, first 10) and sending a chat turn every 5 s (sendMessage to ChatMessageCompleted over chatStream, offline model). ` +
      `Attacker: ${values.attackers} admins of another tenant (which first ingested ${values['ingest-documents']} documents of ${values['ingest-kib']} KiB), ${values.concurrency} requests in flight, each sent as soon as the previous was answered (20 ms pause after a RATE_LIMITED): ` +
      'search first 50 with rerank, the same 12 times in one operation (the most the cost limit admits), assembleContext with the largest budget, a new conversation with sendMessage, and bombs (alias, depth, cost, token, an oversized page). ' +
      `After a warm-up phase (not counted), phases of ${values['phase-seconds']} s alternate baseline / attack, ${rounds} rounds each; latencies of successful requests only. ` +
      `Heavy operations per tenant in flight: ${gate}. Load average (1 min) on this 2-core machine at the start: ${loadAtStart}; at the end: ${os.loadavg()[0]!.toFixed(1)}: absolute numbers move with it, the ratio is the point.\n\n` +
      `Attacker requests:\n\n${attackerTable}\n\nServer memory (its /metrics):\n\n${markdownTable(memoryRows)}\n\nVictim latency:`,
    victimRows(),
  );
}

await main();
