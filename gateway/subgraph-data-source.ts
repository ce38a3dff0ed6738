import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { counter, histogram } from '../platform/metrics/metrics.js';
import { REQUEST_ID_HEADER, type RequestContext } from '../platform/request-context.js';
import { shareIdenticalQueries } from './in-flight-sharing.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';

const subgraphFetches = counter({
  name: 'ragline_gateway_subgraph_fetches_total',
  help: 'Fetches the gateway sent to subgraphs (queries, mutations and per-event follow-ups), by subgraph and kind',
  labelNames: ['subgraph', 'kind'],
});

const subgraphFetchSeconds = histogram({
  name: 'ragline_gateway_subgraph_fetch_duration_seconds',
  help: 'Duration of the gateway fetches to subgraphs, by subgraph and outcome (ok, or error when the fetch itself failed)',
  labelNames: ['subgraph', 'outcome'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/**
 * Forwards the caller's token and request ID to every subgraph fetch (each subgraph verifies the token again), over
 * node:http with kept-alive connections (one pool for all subgraphs); identical queries in flight share one fetch.
 */
const subgraphFetcher = shareIdenticalQueries(createSubgraphFetcher());

export class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(
    url: string,
    private readonly subgraphName = new URL(url).host,
  ) {
    super({ url, fetcher: subgraphFetcher });
  }

  override async process(options: GraphQLDataSourceProcessOptions<RequestContext>) {
    const started = performance.now();
    let outcome = 'error';
    try {
      const response = await super.process(options);
      outcome = 'ok';
      return response;
    } finally {
      subgraphFetchSeconds.observe({ subgraph: this.subgraphName, outcome }, (performance.now() - started) / 1000);
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
    subgraphFetches.inc({ subgraph: this.subgraphName, kind: request.query?.includes('_entities(') ? 'entities' : 'root' });
    const headers = request.http?.headers;
    if (!headers || !context) return;
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }
}
