import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { readHistogramQuantile, readMetric, waitFor } from '../support/wait-for.js';
import { signDevToken } from '../../platform/auth/jwt.js';
import type { Role } from '../../platform/auth/principal.js';
import { loadConfig } from '../../platform/config.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';
import { percentile, publishReport, type Row } from './benchmark-report.js';
import { processCpuMs } from './gateway-bench-targets.js';
import { readFileSync } from 'node:fs';
import {
  BenchSubscriber,
  CUSTOMER_TRACKER,
  CUSTOMER_TRACKER_WITHOUT_HELP,
  deliveryReport,
  STAFF_BOARD,
  STAFF_WITH_HELP,
} from './events-bench-subscribers.js';

/**
 * `npm run bench:events`: places orders at a steady rate while clients subscribe to orderEvents through the gateway,
 * and measures commit -> client receipt (the event's occurredAt is stamped in the order's transaction).
 *
 * Scenarios: `customers` (the issue's): N clients, `--staff` of them staff boards each its own staff user following the
 * tenant, the rest customers each following their own orders and placing orders as themselves, round robin; `staff-help`
 * (the earlier one): N staff boards, each its own user, asking for help articles on every event, one customer ordering.
 * `--label` names the build in the row (A/B runs); `--publish false` prints the table without writing docs/benchmarks.md.
 */
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'customers' },
    subscribers: { type: 'string', default: '1000' },
    staff: { type: 'string', default: '20' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    label: { type: 'string', default: '' },
    publish: { type: 'string', default: 'true' },
    warmup: { type: 'string', default: '5' },
    'tracker-help': { type: 'string', default: 'true' },
    /** With REDIS_URL: `single` (everything in `npm start`'s one process, the default) or `per-service` (as in production). */
    topology: { type: 'string', default: 'single' },
  },
});
const scenario = values.scenario === 'staff-help' ? 'staff-help' : 'customers';
const CONNECT_BATCH = 50;

const CREATE = /* GraphQL */ `
  mutation PlaceOrder($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;

const config = loadConfig();
const token = (sub: string, roles: Role[]) => signDevToken(config, { sub, tenant: 'demo', roles });

async function request(server: ServerProcess, query: string, variables: Record<string, unknown>, bearer: string): Promise<any> {
  const response = await fetch(server.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The clients of one row: who subscribes with what, and who places the orders. */
async function connectSubscribers(server: ServerProcess, count: number, run: string): Promise<BenchSubscriber[]> {
  const url = server.gatewayUrl.replace(/^http/, 'ws');
  const staffCount = scenario === 'staff-help' ? count : Math.min(Number(values.staff), count);
  const subscribers: BenchSubscriber[] = [];
  for (let index = 0; index < count; index++) {
    const role = index < staffCount ? 'staff' : 'customer';
    const userId = `bench-${run}-${role}-${index}`;
    subscribers.push(new BenchSubscriber(url, await token(userId, [role]), userId, role));
  }
  const tracker = values['tracker-help'] === 'false' ? CUSTOMER_TRACKER_WITHOUT_HELP : CUSTOMER_TRACKER;
  const query = (subscriber: BenchSubscriber) =>
    scenario === 'staff-help' ? STAFF_WITH_HELP : subscriber.role === 'staff' ? STAFF_BOARD : tracker;
  const metrics = metricsUrl(server);
  // In batches, as clients arriving over time would: 1,000 upgrades at once only measure the accept queue.
  for (let start = 0; start < subscribers.length; start += CONNECT_BATCH) {
    const batch = subscribers.slice(start, start + CONNECT_BATCH);
    batch.forEach((subscriber) => subscriber.subscribe(query(subscriber), query(subscriber).includes('helpArticles')));
    const open = start + batch.length;
    await waitFor(async () => ((await readMetric(metrics, 'ragline_order_event_subscribers')) ?? 0) >= open, `${open} subscribers`, 60_000);
  }
  return subscribers;
}

const metricsUrl = (server: ServerProcess) => server.subgraphUrl('orders').replace(/graphql$/, 'metrics');

async function run(server: ServerProcess, subscriberCount: number, rate: number, seconds: number): Promise<Row> {
  const runId = `${subscriberCount}-${Date.now().toString(36)}`;
  const subscribers = await connectSubscribers(server, subscriberCount, runId);
  const customers = subscribers.filter((subscriber) => subscriber.role === 'customer');
  const orderers =
    customers.length > 0
      ? customers.map((customer) => ({ userId: customer.userId, bearer: customer.token }))
      : [{ userId: `bench-${runId}-orderer`, bearer: await token(`bench-${runId}-orderer`, ['customer']) }];
  const menu = await request(server, '{ products(first: 5) { edges { node { id available } } } }', {}, orderers[0]!.bearer);
  const productId = menu.data.products.edges.find((edge: any) => edge.node.available).node.id;

  const load = loadAverage();
  const cpuBefore = serverCpuMs(server, processCpuMs);
  const mainBefore = serverCpuMs(server, mainThreadCpuMs);
  const clientsBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const total = rate * seconds;
  const started = performance.now();
  const placed: Promise<{ customerId: string; orderId?: string }>[] = [];
  const placeMs: number[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const orderer = orderers[i % orderers.length]!;
    const variables = { input: { items: [{ productId, quantity: 1 + (i % 3) }] }, key: `bench-${runId}-${i}` };
    const sent = performance.now();
    placed.push(
      request(server, CREATE, variables, orderer.bearer).then(
        (response) => {
          placeMs.push(performance.now() - sent);
          return { customerId: orderer.userId, orderId: response.errors ? undefined : response.data?.createOrder?.id };
        },
        () => ({ customerId: orderer.userId }),
      ),
    );
  }
  const orders = await Promise.all(placed);
  const placedSeconds = (performance.now() - started) / 1000;
  const succeeded = orders.filter((order) => order.orderId);
  const expectedFor = (subscriber: BenchSubscriber) =>
    succeeded.filter((order) => subscriber.role === 'staff' || order.customerId === subscriber.userId).map((order) => order.orderId!);
  const expectedTotal = subscribers.reduce((sum, subscriber) => sum + expectedFor(subscriber).length, 0);
  const receivedTotal = () => subscribers.reduce((sum, subscriber) => sum + subscriber.received.length, 0);
  await waitFor(() => receivedTotal() >= expectedTotal, 'every event', 60_000).catch(() => undefined);
  const deliveredSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = (serverCpuMs(server, processCpuMs) - cpuBefore) / 1000;
  const mainSeconds = (serverCpuMs(server, mainThreadCpuMs) - mainBefore) / 1000;
  const clients = process.cpuUsage(clientsBefore);
  const machineAfter = machineJiffies();
  const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const delivery = deliveryReport(subscribers, expectedFor, subscribers[0]!.received);
  placeMs.sort((a, b) => a - b);
  const latencies = subscribers.flatMap((subscriber) => subscriber.latencies).sort((a, b) => a - b);
  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  const metrics = metricsUrl(server);
  await waitFor(async () => (await readMetric(metrics, 'ragline_order_event_subscribers')) === 0, 'subscribers to leave', 30_000);
  const relayLag = async (q: number) => {
    const lag = await readHistogramQuantile(metrics, 'ragline_outbox_publish_lag_seconds', q);
    return lag === undefined ? 'n/a' : `≤ ${lag * 1000}`;
  };
  const staffCount = subscribers.filter((subscriber) => subscriber.role === 'staff').length;
  return {
    ...(values.label ? { build: values.label } : {}),
    subscribers:
      scenario === 'staff-help'
        ? `${staffCount} staff (help articles)`
        : `${customers.length} customers${values['tracker-help'] === 'false' ? ' (no help articles)' : ''} + ${staffCount} staff`,
    'target orders/s': rate,
    'orders/s': (total / placedSeconds).toFixed(0),
    'failed orders': total - succeeded.length,
    'createOrder p50 / p95 ms': `${Math.round(percentile(placeMs, 50))} / ${Math.round(percentile(placeMs, 95))}`,
    'events expected': delivery.expected,
    'events delivered': receivedTotal(),
    'events/s delivered': (receivedTotal() / deliveredSeconds).toFixed(0),
    missing: delivery.missing,
    'subscribers missing any': delivery.subscribersMissingEvents,
    'duplicates / out of order / foreign': `${delivery.duplicates} / ${delivery.outOfOrder} / ${subscribers.reduce((n, s) => n + s.foreign, 0)}`,
    'p50 ms': percentile(latencies, 50),
    'p95 ms': percentile(latencies, 95),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies.at(-1) ?? 'n/a',
    'stream errors': subscribers.reduce((n, s) => n + s.errors + s.malformed, 0),
    'server CPU s/s (main thread)': `${(cpuSeconds / deliveredSeconds).toFixed(2)} (${(mainSeconds / deliveredSeconds).toFixed(2)})`,
    'CPU ms per order, all threads (main)': `${((cpuSeconds * 1000) / total).toFixed(1)} (${((mainSeconds * 1000) / total).toFixed(1)})`,
    'clients CPU s/s': ((clients.user + clients.system) / 1e6 / deliveredSeconds).toFixed(2),
    'machine CPU busy': `${Math.round(machineBusy * 100)} %`,
    'commit -> publish p95 ms (cumulative)': await relayLag(0.95),
    'load avg (1 min) at start': load,
  };
}

/** A CPU-time reading summed over every server process (one per service with the per-service topology). */
const serverCpuMs = (server: ServerProcess, read: (pid: number) => number) => server.pids.reduce((sum, pid) => sum + read(pid), 0);

/** utime + stime of the process's main thread (the event loop; PGlite and GC helpers run on other threads). */
function mainThreadCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Every core's busy and total time so far (/proc/stat's first line): how saturated the whole machine was. */
function machineJiffies(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

const loadAverage = () => execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ')[0]!;

const perService = Boolean(process.env.REDIS_URL) && values.topology === 'per-service';
const server = await startServerProcess(4600, { perService });
const WARM_UP_CLIENTS = 21;
const rows: Row[] = [];
try {
  // Not recorded: the first seconds after start-up run JIT compilation and the demo tenant's start-up jobs.
  // 21 clients: the scenario's every query shape (with 20 staff boards, the 21st is a customer tracker placing the orders).
  if (Number(values.warmup) > 0) console.log('warm-up', await run(server, WARM_UP_CLIENTS, 20, Number(values.warmup)));
  for (const rate of values.rate!.split(',').map(Number)) {
    for (const count of values.subscribers!.split(',').map(Number)) {
      rows.push(await run(server, count, rate, Number(values.seconds)));
      console.log(rows.at(-1));
    }
  }
} finally {
  await server.stop();
}
const transport = `${config.REDIS_URL ? 'Redis Streams' : 'in-process bus'}, ${config.databaseUrlFor('orders').startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}${perService ? ', a process per service' : ''}`;
const intro =
  scenario === 'customers'
    ? `The issue's scenario: customers each following their own orders (\`orderEvents\` with no orderId: a customer sees only their own orders) and placing orders as themselves, round robin, plus staff boards each its own staff user following the tenant; orders placed through the gateway at a steady rate for ${values.seconds} s. A customer's tracker asks for eventId, type, occurredAt, previousStatus and the order's id, customerId, status, totalCents, currency, updatedAt, lines { name quantity } and helpArticles { title } (the knowledge subgraph: one follow-up fetch per event); a staff board for eventId, type, occurredAt, previousStatus and the order's id, customerId, status, version, createdAt, totalCents, lines { name quantity notes } (all from the orders subgraph). Every event of a successful order is expected once at each staff board and at its customer; "out of order" is against the first staff board's arrival order; "foreign" counts events of another customer's order at a customer.`
    : `Orders placed through the gateway at a steady rate for ${values.seconds} s by one customer while N staff clients (each its own user) subscribe to \`orderEvents\` with \`helpArticles\` from the knowledge subgraph on every event.`;
const report = `${intro} ${perService ? 'The gateway and each subgraph run in their own process, as `npm run start:<service>` does' : 'The supergraph runs as `npm start` does, in its own process'} (${transport}), warmed up for ${values.warmup} s (${WARM_UP_CLIENTS} clients of the same kinds, 20 orders/s, not recorded); the clients run in the benchmark's process. Latency is commit (occurredAt, stamped in the order's transaction) to client receipt. "server CPU s/s" is the server's utime + stime over the run (placing to last delivery; summed over its processes when each service has one) per wall second (2 cores: 2.00 is both), and in brackets its main threads' (an event loop: 1.00 is one saturated); "CPU ms per order" divides the same CPU time by the orders placed, so it includes each order's events at every subscriber: a measure of cost that a busy machine disturbs less than latency does. "clients CPU s/s" is the benchmark process's own (its WebSocket clients and the orders it places), and "machine CPU busy" the share of both cores busy over the same time (/proc/stat, everything on the machine: near 100 % means the row measures a saturated machine, not the server alone).`;
if (values.publish === 'false') console.log(rows);
else await publishReport(`bench:events, ${scenario} (${transport})`, report, rows);
