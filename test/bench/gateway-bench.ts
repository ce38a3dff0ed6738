import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { publishReport, type Row } from './benchmark-report.js';
import { checkIdenticalAnswers, seedOrders } from './gateway-bench-answers.js';
import { childPid, startHive, startRaglineGatewayProcess, startStockGateway, type BenchTarget } from './gateway-bench-targets.js';
import { runLoad, type LoadResult } from './gateway-load.js';
import { profileGateway } from './gateway-profile.js';
import { startServerProcess } from './start-server-process.js';

/**
 * `npm run bench:gateway`: the same queries, through RAGline's gateway inside `npm start` and in its own process, a stock
 * @apollo/gateway and Hive Gateway, all on the subgraphs of one `npm start` process; and straight to the orders subgraph.
 * `--profile` instead records a CPU profile of RAGline's own-process gateway per query and splits it by stage.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    users: { type: 'string', default: '32' },
    port: { type: 'string', default: '4850' },
    profile: { type: 'boolean', default: false },
    /** A checkout of another version with its `dist/` built: its gateway runs as one more target (A/B in one run). */
    baseline: { type: 'string' },
    'baseline-name': { type: 'string', default: 'RAGline before, own process' },
    /** Skip Hive Gateway (its first run installs it, about a minute). */
    'no-hive': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const basePort = Number(values.port);

const PRODUCTS = '{ products(first: 10) { edges { node { id name priceCents available } } } }';
const ENTITY = '{ orders(first: 5) { edges { node { id status totalCents helpArticles { title } timeline { type status } } } } }';
const SCENARIOS = [
  { label: '`products(first: 10)` (one subgraph)', query: PRODUCTS, direct: true },
  { label: '`orders(first: 5)` + `helpArticles` (@requires) + `timeline`', query: ENTITY, direct: false },
];

const config = loadConfig();
const OWN_PROCESS = 'RAGline, own process';
const tokens = await Promise.all(
  Array.from({ length: Number(values.users) }, (_, index) =>
    signDevToken(config, { sub: `bench-gateway-user-${index}`, tenant: 'demo', roles: ['customer'] }),
  ),
);

const server = await startServerProcess(basePort);
const targets: BenchTarget[] = [];
try {
  await seedOrders(server.gatewayUrl, tokens);
  if (values.profile) {
    await profileGateway(
      server,
      basePort + 10,
      SCENARIOS.map(({ label, query }) => ({ label, query })),
      tokens,
      { seconds: seconds * 2, connections },
    );
  } else {
    targets.push(
      // `npm start` runs its gateway in a child process unless GATEWAY_PROCESS=shared (then in the subgraphs' process).
      config.GATEWAY_PROCESS === 'shared'
        ? {
            name: 'RAGline, inside `npm start` (GATEWAY_PROCESS=shared)',
            url: server.gatewayUrl,
            pid: undefined,
            stop: async () => undefined,
          }
        : {
            name: 'RAGline, `npm start` (its gateway child process)',
            url: server.gatewayUrl,
            pid: childPid(server.pid!),
            stop: async () => undefined,
          },
      await startRaglineGatewayProcess(server, basePort + 10),
      await startStockGateway(server, basePort + 11),
    );
    if (values.baseline)
      targets.push(await startRaglineGatewayProcess(server, basePort + 12, [], { root: values.baseline, name: values['baseline-name'] }));
    const hive = values['no-hive'] ? 'Hive Gateway not measured (--no-hive)' : await startHive(server);
    if (typeof hive === 'string') console.warn(hive);
    else targets.push(hive);
    await measure();
  }
} finally {
  for (const target of targets) await target.stop();
  await server.stop();
}

async function measure(): Promise<void> {
  const direct: BenchTarget = {
    name: 'direct to the orders subgraph',
    url: server.subgraphUrl('orders'),
    pid: undefined,
    stop: async () => undefined,
  };
  const mismatches = await checkIdenticalAnswers(
    [direct, ...targets],
    SCENARIOS.map(({ query, direct }) => ({ query, directToo: direct })),
    tokens,
  );
  const results = new Map<string, LoadResult[]>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const scenario of SCENARIOS) {
      for (const users of [tokens.length, 1]) {
        const order = scenario.direct ? [direct, ...targets] : targets;
        // A/B: odd rounds run the gateways in reverse order, so drift in the machine's load does not favour one.
        for (const target of round % 2 === 0 ? order : [...order].reverse()) {
          const watchPids = [server.pid!, ...(target.pid ? [target.pid] : [])];
          const result = await runLoad(target.url, scenario.query, tokens.slice(0, users), { seconds, connections, watchPids });
          const key = `${scenario.label}|${users}|${target.name}`;
          results.set(key, [...(results.get(key) ?? []), result]);
          console.log(`round ${round + 1} ${key}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.failures} failed`);
        }
      }
    }
  }
  const rows: Row[] = [];
  for (const scenario of SCENARIOS) {
    for (const users of [tokens.length, 1]) {
      const of = (name: string) => results.get(`${scenario.label}|${users}|${name}`) ?? [];
      const baseline = of(direct.name);
      const stock = of('stock @apollo/gateway');
      // Inside `npm start` the gateway's CPU cannot be told apart from the subgraphs': take the process's CPU per request
      // less what the subgraphs spent per request in the same round under the same gateway code in its own process (the
      // subgraphs' work depends on the gateway: RAGline's shares identical fetches of one user).
      const subgraphCpu = (round: number) => of(OWN_PROCESS)[round]?.cpuPerRequest[0] ?? Number.NaN;
      for (const target of scenario.direct ? [direct, ...targets] : targets) {
        const runs = of(target.name);
        const gatewayCpu = runs.map((run, round) =>
          target.pid ? run.cpuPerRequest[1]! : target === direct ? Number.NaN : run.cpuPerRequest[0]! - subgraphCpu(round),
        );
        rows.push({
          query: scenario.label,
          users: users === 1 ? 'one user' : `${users} distinct`,
          target: target.name,
          'req/s (per round)': join(
            runs.map((run) => run.requestsPerSecond),
            0,
          ),
          '× direct': scenario.direct
            ? join(
                runs.map((run, round) => run.requestsPerSecond / baseline[round]!.requestsPerSecond),
                2,
              )
            : '',
          'p50 / p95 ms': runs.map((run) => `${run.p50.toFixed(0)} / ${run.p95.toFixed(0)}`).join('; '),
          'gateway CPU ms/req': target === direct ? '' : `${target.pid ? '' : '≈ '}${join(gatewayCpu, 2)}`,
          'CPU × stock':
            target === direct
              ? ''
              : join(
                  gatewayCpu.map((cpu, round) => cpu / stock[round]!.cpuPerRequest[1]!),
                  2,
                ),
          'subgraphs CPU ms/req': join(
            runs.map((run) => run.cpuPerRequest[0]!),
            2,
          ),
          failed: runs.reduce((sum, run) => sum + run.failures, 0),
        });
      }
    }
  }
  await publishReport(
    config.GATEWAY_PROCESS === 'shared' ? 'bench:gateway (GATEWAY_PROCESS=shared)' : 'bench:gateway',
    [
      `**Indicative only: measured on this shared 2-core machine (load average ${loadAverage()} at the end; other agents' work included).** Every gateway runs on the subgraphs of one \`npm start\` process (embedded defaults, fresh data); each run is ${seconds} s of autocannon with ${connections} connections from the bench's process, one query per request; ${values.rounds} rounds, odd rounds in reverse order (A/B). "${tokens.length} distinct" sends each request with the next of ${tokens.length} customers' tokens (nobody can share a fetch between them); "one user" sends one token on every connection. Before measuring, every user's answer through every gateway (and directly, for products) was compared: ${mismatches === 0 ? 'all identical' : `**${mismatches} differed**`}.`,
      ...(values['no-hive'] ? ['Hive Gateway was not measured in this run (`--no-hive`).'] : []),
      ...(values.baseline
        ? [
            `"${values['baseline-name']}" is the gateway of another build (${values.baseline}, its own \`dist/\`), started exactly as "${OWN_PROCESS}" and measured in the same rounds: an A/B of the two versions.`,
          ]
        : []),
      "CPU per request is the process's utime + stime from /proc/PID/stat over the run, divided by the responses. For the gateway inside `npm start` it is estimated (≈) as the process's CPU per request less the subgraphs' CPU per request measured in the same round through RAGline's gateway in its own process. Stock @apollo/gateway: Apollo Server's standalone server, default `RemoteGraphQLDataSource`, forwarding `Authorization` (test/bench/stock-apollo-gateway.ts). Hive Gateway 2.15.1: deploy/hive-gateway/gateway.config.mjs, installed by the bench into a scratch folder.",
    ].join('\n\n'),
    rows,
  );
}

function join(numbers: number[], digits: number): string {
  return numbers.map((value) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')).join(' / ');
}

function loadAverage(): string {
  return (os.loadavg()[0] ?? 0).toFixed(0);
}
