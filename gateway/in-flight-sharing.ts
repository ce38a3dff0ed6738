import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { counter } from '../platform/metrics/metrics.js';
import { REQUEST_ID_HEADER } from '../platform/request-context.js';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherInit = Parameters<Fetcher>[1];

const sharedFetches = counter({
  name: 'ragline_gateway_subgraph_fetches_shared_total',
  help: 'Subgraph query fetches answered by an identical fetch already in flight (same subgraph, document, variables and credentials)',
  labelNames: ['subgraph'],
});

/** Headers that differ per client request without changing the answer; everything else is part of the identity. */
const PER_REQUEST_HEADERS = new Set([REQUEST_ID_HEADER.toLowerCase(), 'traceparent', 'tracestate', 'content-length']);

/**
 * Identical subgraph queries in flight at the same moment share one fetch: every customer opening the menu at once,
 * or kitchen screens polling the same board, cost one subgraph request. Identical means the same URL, method,
 * body (document, variables, operation name) and every header that reaches the subgraph — the `Authorization` header
 * among them — so requests of different users, or of one user with different tokens, never share. Only queries
 * share: a mutation runs once per client request. The shared answer is read once and handed to each caller.
 */
export function shareIdenticalQueries(fetcher: Fetcher, subgraphName: (url: string) => string = (url) => new URL(url).host): Fetcher {
  const inFlight = new Map<string, ReturnType<Fetcher>>();
  return (url, init) => {
    const key = shareableKey(url, init);
    if (key === undefined) return fetcher(url, init);
    const running = inFlight.get(key);
    if (running) {
      sharedFetches.inc({ subgraph: subgraphName(url) });
      return running.then((response) => response.clone());
    }
    const fetch = fetcher(url, init).finally(() => inFlight.delete(key));
    inFlight.set(key, fetch);
    return fetch.then((response) => response.clone());
  };
}

function shareableKey(url: string, init: FetcherInit): string | undefined {
  if (!init || typeof init.body !== 'string' || (init.method ?? 'GET') !== 'POST' || !isQuery(init.body)) return undefined;
  const headers = Object.entries((init.headers ?? {}) as Record<string, string>)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([url, headers, init.body]);
}

/**
 * The planner's subgraph documents are a single operation: `query …`, `{ … }`, or `mutation …`/`subscription …`.
 * @apollo/gateway serialises `query` first, so the prefix usually answers without parsing the body.
 */
function isQuery(body: string): boolean {
  if (body.startsWith('{"query":"query') || body.startsWith('{"query":"{')) return true;
  if (body.startsWith('{"query":"mutation') || body.startsWith('{"query":"subscription')) return false;
  let query: unknown;
  try {
    query = (JSON.parse(body) as { query?: unknown }).query;
  } catch {
    return false;
  }
  if (typeof query !== 'string') return false;
  const start = query.trimStart();
  return start.startsWith('{') || /^query\b/.test(start);
}
