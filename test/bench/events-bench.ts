import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { readHistogramQuantile, readMetric, waitFor } from '../support/wait-for.js';
import { signDevToken } from '../../platform/auth/jwt.js';
import type { Role } from '../../platform/auth/principal.js';
import { loadConfig } from '../../platform/config.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';
import { wsClient } from '../support/ws-client.js';
import { percentile, publishReport, type Row } from './benchmark-report.js';

/**
 * `npm run bench:events`: places orders at a steady rate while N clients subscribe to orderEvents through the gateway,
 * and measures commit -> client receipt (the event's occurredAt is stamped in the order's transaction).
 */
const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1,10,50' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
  },
});

const SUBSCRIPTION = /* GraphQL */ `
  subscription {
    orderEvents {
      eventId
      occurredAt
      order {
        id
        status
        totalCents
        helpArticles {
          title
        }
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;

const config = loadConfig();
const token = (sub: string, roles: Role[]) => signDevToken(config, { sub, tenant: 'demo', roles });

async function request(
  server: ServerProcess,
  query: string,
  variables: Record<string, unknown>,
  bearer: string,
): Promise<{ errors?: unknown[]; data?: any }> {
  const response = await fetch(server.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function run(server: ServerProcess, subscriberCount: number, rate: number, seconds: number): Promise<Row> {
  const customer = await token(`bench-customer-${subscriberCount}`, ['customer']);
  const menu = await request(server, '{ products(first: 5) { edges { node { id available } } } }', {}, customer);
  const productId = menu.data.products.edges.find((edge: any) => edge.node.available).node.id;

  const latencies: number[] = [];
  let received = 0;
  let errors = 0;
  // One staff identity per client, as real kitchen screens would have: no shortcut from a shared token.
  const staffTokens = await Promise.all(Array.from({ length: subscriberCount }, (_, index) => token(`bench-staff-${index}`, ['staff'])));
  const clients = staffTokens.map((staff) => wsClient(server.gatewayUrl.replace(/^http/, 'ws'), { authorization: `Bearer ${staff}` }));
  const disposers = clients.map((client) =>
    client.subscribe<any>(
      { query: SUBSCRIPTION },
      {
        next: (result) => {
          if (result.errors) errors += 1;
          const occurredAt = result.data?.orderEvents?.occurredAt;
          if (!occurredAt) return;
          received += 1;
          latencies.push(Date.now() - Date.parse(occurredAt));
        },
        error: () => void (errors += 1),
        complete: () => undefined,
      },
    ),
  );
  const metrics = server.subgraphUrl('orders').replace(/graphql$/, 'metrics');
  await waitFor(
    async () => (await readMetric(metrics, 'ragline_order_event_subscribers')) === subscriberCount,
    `${subscriberCount} subscribers`,
    30_000,
  );

  const total = rate * seconds;
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      request(
        server,
        CREATE,
        { input: { items: [{ productId, quantity: 1 }] }, key: `bench-${subscriberCount}-${i}-${Math.round(started)}` },
        customer,
      ),
    );
  }
  const responses = (await Promise.all(inFlight)) as { errors?: unknown[] }[];
  const placedSeconds = (performance.now() - started) / 1000;
  const expected = total * subscriberCount;
  await waitFor(() => received >= expected, 'every event', 30_000).catch(() => undefined);
  const deliveredSeconds = (performance.now() - started) / 1000;
  disposers.forEach((dispose) => dispose());
  await Promise.all(clients.map((client) => client.dispose()));
  await waitFor(async () => (await readMetric(metrics, 'ragline_order_event_subscribers')) === 0, 'subscribers to leave', 10_000);

  latencies.sort((a, b) => a - b);
  const relayLag = async (q: number) => {
    const seconds = await readHistogramQuantile(metrics, 'ragline_outbox_publish_lag_seconds', q);
    return seconds === undefined ? 'n/a' : `≤ ${seconds * 1000}`;
  };
  return {
    subscribers: subscriberCount,
    'target orders/s': rate,
    'orders/s': (total / placedSeconds).toFixed(0),
    'failed orders': responses.filter((response) => response.errors).length,
    'events/s delivered': (received / deliveredSeconds).toFixed(0),
    'events lost': Math.max(0, expected - received),
    'p50 ms': percentile(latencies, 50),
    'p95 ms': percentile(latencies, 95),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies.at(-1) ?? 'n/a',
    'stream errors': errors,
    'commit -> publish p50 ms (cumulative)': await relayLag(0.5),
    'commit -> publish p95 ms (cumulative)': await relayLag(0.95),
  };
}

const server = await startServerProcess();
const rows: Row[] = [];
try {
  for (const count of values.subscribers!.split(',').map(Number)) {
    rows.push(await run(server, count, Number(values.rate), Number(values.seconds)));
    console.log(rows.at(-1));
  }
} finally {
  await server.stop();
}
const transport = `${config.REDIS_URL ? 'Redis Streams' : 'in-process bus'}, ${config.databaseUrlFor('orders').startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}`;
await publishReport(
  `bench:events (${transport})`,
  `Orders placed through the gateway at a steady rate for ${values.seconds} s while N staff clients (each its own user) subscribe to \`orderEvents\` (with \`helpArticles\` from the knowledge subgraph on every event) over graphql-ws through the gateway. The supergraph runs as \`npm start\` does, in its own process (${transport}); the clients run in the benchmark's process. Latency is commit (occurredAt, stamped in the order's transaction) to client receipt. Targets from the issue: beat 697 events/s; order -> notification under 500 ms.`,
  rows,
);
