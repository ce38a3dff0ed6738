import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { counter, observeTraced, tracedHistogram } from '../platform/metrics/metrics.js';
import { REQUEST_ID_HEADER, type RequestContext } from '../platform/request-context.js';
import { shareIdenticalQueries } from './in-flight-sharing.js';
import { createSubgraphClient, subgraphTarget, type SubgraphAnswer, type SubgraphCall, type SubgraphSend } from './subgraph-client.js';

const subgraphFetches = counter({
  name: 'ragline_gateway_subgraph_fetches_total',
  help: 'Fetches the gateway sent to subgraphs (queries, mutations and per-event follow-ups), by subgraph and kind',
  labelNames: ['subgraph', 'kind'],
});

const subgraphFetchSeconds = tracedHistogram({
  name: 'ragline_gateway_subgraph_fetch_duration_seconds',
  help: 'Duration of the gateway fetches to subgraphs, by subgraph and outcome (ok, or error when the fetch itself failed)',
  labelNames: ['subgraph', 'outcome'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/** Identical queries in flight share one fetch (in-flight-sharing.ts); one connection pool per subgraph origin. */
const overTheNetwork = shareIdenticalQueries(createSubgraphClient());

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * @apollo/gateway's `RemoteGraphQLDataSource` contract, written for the gateway's hot path: it forwards the caller's
 * token and request ID to every subgraph fetch (each subgraph verifies the token again) and answers what Apollo's
 * class answers — the subgraph's JSON, `<status>: <text>` errors with the answer under `extensions.response`
 * (UNAUTHENTICATED on 401, FORBIDDEN on 403), the subgraph's Cache-Control restricting the operation's cache policy —
 * without building node-fetch Request and Headers objects (and a legacy `url.parse`) for every fetch.
 */
export class SubgraphDataSource implements GraphQLDataSource<RequestContext> {
  private readonly target: Pick<SubgraphCall, 'url' | 'origin' | 'path'>;
  private readonly fetchesOf: Record<'root' | 'entities', { inc(): void }>;
  private readonly outcomeLabels: Record<'ok' | 'error', { subgraph: string; outcome: 'ok' | 'error' }>;

  constructor(
    readonly url: string,
    private readonly subgraphName = new URL(url).host,
    /** How calls reach the subgraph: over the network unless the gateway was given subgraphs of its own process. */
    private readonly send: SubgraphSend = overTheNetwork,
  ) {
    this.target = subgraphTarget(url);
    const subgraph = subgraphName;
    this.fetchesOf = {
      root: subgraphFetches.labels({ subgraph, kind: 'root' }),
      entities: subgraphFetches.labels({ subgraph, kind: 'entities' }),
    };
    this.outcomeLabels = { ok: { subgraph, outcome: 'ok' }, error: { subgraph, outcome: 'error' } };
  }

  async process(options: GraphQLDataSourceProcessOptions<RequestContext>): Promise<GatewayResponse> {
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const response = await this.fetch(options);
      outcome = 'ok';
      return response;
    } finally {
      observeTraced(subgraphFetchSeconds, this.outcomeLabels[outcome], (performance.now() - started) / 1000);
    }
  }

  private async fetch(options: GraphQLDataSourceProcessOptions<RequestContext>): Promise<GatewayResponse> {
    const { request, context } = options;
    const { query, http, ...rest } = request;
    if (!query) throw new Error('Missing query');
    this.fetchesOf[rest.variables?.representations !== undefined ? 'entities' : 'root'].inc();
    const headers: Record<string, string> = {};
    // @apollo/gateway sets headers of its own only to ask for federated traces (usage reporting).
    if (http?.headers) for (const [name, value] of http.headers) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    if (context?.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (context?.authorization) headers.authorization = context.authorization;
    const answer = await this.send({ ...this.target, headers, body: JSON.stringify({ query, ...rest }) });
    if (answer.status < 200 || answer.status > 299) throw this.errorFrom(answer);
    const body = parsedBody(answer);
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    if (options.kind === 'incoming operation') restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, answer);
    return body as GatewayResponse;
  }

  private errorFrom(answer: SubgraphAnswer): GraphQLError {
    const { status, statusText } = answer;
    const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${status}: ${statusText}`, {
      extensions: { response: { url: this.url, status, statusText, body: parsedBody(answer) }, ...(code ? { code } : {}) },
    });
  }
}

function parsedBody(answer: SubgraphAnswer): unknown {
  const contentType = answer.headers['content-type'];
  const json =
    typeof contentType === 'string' &&
    (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));
  return json ? JSON.parse(answer.body) : answer.body;
}

type CachePolicy = { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };

/** As Apollo's data source does: the operation is cacheable no longer than, and no more widely than, each subgraph answer. */
function restrictCachePolicy(policy: unknown, answer: SubgraphAnswer): void {
  if (!policy || typeof policy !== 'object' || !('restrict' in policy)) return;
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  const header = answer.headers['cache-control'];
  if (typeof header === 'string') {
    for (const part of header.trim().split(/\s*,\s*/)) {
      const [name, value] = part.split(/\s*=\s*/, 2);
      const unquoted = value?.replace(/^"|"$/g, '');
      if (name === 'max-age' && unquoted !== undefined && /^[0-9]+$/.test(unquoted)) hint.maxAge = Number(unquoted);
      else if (name === 'private' && value === undefined) hint.scope = 'PRIVATE';
      else if (name === 'public' && value === undefined) hint.scope = 'PUBLIC';
    }
  }
  (policy as CachePolicy).restrict(hint);
}
