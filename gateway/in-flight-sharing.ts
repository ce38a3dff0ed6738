import { counter } from '../platform/metrics/metrics.js';
import { REQUEST_ID_HEADER } from '../platform/request-context.js';
import type { SubgraphCall, SubgraphSend } from './subgraph-client.js';

const sharedFetches = counter({
  name: 'ragline_gateway_subgraph_fetches_shared_total',
  help: 'Subgraph query fetches answered by an identical fetch already in flight (same subgraph, document, variables and credentials)',
  labelNames: ['subgraph'],
});

/** Headers that differ per client request without changing the answer; everything else is part of the identity. */
const PER_REQUEST_HEADERS = new Set([REQUEST_ID_HEADER.toLowerCase(), 'traceparent', 'tracestate', 'content-length']);

/**
 * Identical subgraph queries in flight at the same moment share one fetch: every customer opening the menu at once,
 * or kitchen screens polling the same board, cost one subgraph request. Identical means the same URL, body (document,
 * variables, operation name) and every header that reaches the subgraph — the `Authorization` header among them — so
 * requests of different users, or of one user with different tokens, never share. Only queries share: a mutation runs
 * once per client request. The shared answer is a plain value; every caller parses its body itself.
 */
export function shareIdenticalQueries(
  send: SubgraphSend,
  subgraphName: (call: SubgraphCall) => string = (call) => call.origin,
): SubgraphSend {
  const inFlight = new Map<string, Promise<Awaited<ReturnType<SubgraphSend>>>>();
  return (call) => {
    if (!isQuery(call.body)) return send(call);
    const key = identity(call);
    const running = inFlight.get(key);
    if (running) {
      sharedFetches.inc({ subgraph: subgraphName(call) });
      return running;
    }
    const fetch = send(call).finally(() => inFlight.delete(key));
    inFlight.set(key, fetch);
    return fetch;
  };
}

function identity(call: SubgraphCall): string {
  const names = Object.keys(call.headers)
    .filter((name) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .sort();
  let key = call.url;
  for (const name of names) key += `\n${name.toLowerCase()}: ${call.headers[name]}`;
  return `${key}\n\n${call.body}`;
}

/**
 * The planner's subgraph documents are a single operation: `query …`, `{ … }`, or `mutation …`/`subscription …`.
 * The body is serialised `query` first, so the prefix usually answers without parsing it.
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
