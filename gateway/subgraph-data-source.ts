import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { counter } from '../platform/metrics/metrics.js';
import { REQUEST_ID_HEADER, type RequestContext } from '../platform/request-context.js';
import { shareIdenticalQueries } from './in-flight-sharing.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';

const subgraphFetches = counter({
  name: 'ragline_gateway_subgraph_fetches_total',
  help: 'Fetches the gateway sent to subgraphs (queries, mutations and per-event follow-ups), by subgraph and kind',
  labelNames: ['subgraph', 'kind'],
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

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
    subgraphFetches.inc({ subgraph: this.subgraphName, kind: request.query?.includes('_entities(') ? 'entities' : 'root' });
    const headers = request.http?.headers;
    if (!headers || !context) return;
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }
}
