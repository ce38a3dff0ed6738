import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, type RequestContext } from '../platform/request-context.js';

/**
 * Forwards the caller's token and request ID to every subgraph fetch (each subgraph verifies the token again), over
 * Node's built-in fetch, which keeps connections alive.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(url: string) {
    super({ url, fetcher: globalThis.fetch as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context) return;
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }
}
