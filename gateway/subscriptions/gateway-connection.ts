import { GraphQLError } from 'graphql';
import { appError, ErrorCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { RequestContext } from '../../platform/request-context.js';
import { UpstreamConnections } from './upstream-connections.js';

export type Authenticate = (connectionParams: Record<string, unknown> | undefined) => Promise<RequestContext>;

/**
 * One client websocket: who the caller is (or why they are not authenticated) and, once the first subscription
 * needs them, the upstream clients to the subgraphs.
 */
export class GatewayConnection {
  private upstreamConnections?: UpstreamConnections;

  private constructor(
    /** The caller, or the error every operation of this connection answers with. */
    readonly caller: RequestContext | GraphQLError,
    private readonly subgraphWsUrl: (serviceName: string) => string,
  ) {}

  /** Never throws: a rejected caller still connects, and each of their operations then fails with the reason. */
  static async open(
    authenticate: Authenticate,
    connectionParams: Record<string, unknown> | undefined,
    subgraphWsUrl: (serviceName: string) => string,
    logger: Logger,
  ): Promise<GatewayConnection> {
    try {
      return new GatewayConnection(await authenticate(connectionParams), subgraphWsUrl);
    } catch (error) {
      if (error instanceof GraphQLError) return new GatewayConnection(error, subgraphWsUrl);
      logger.error({ err: error }, 'graphql-ws authentication failed unexpectedly');
      return new GatewayConnection(appError(ErrorCode.Internal, 'Authentication failed unexpectedly'), subgraphWsUrl);
    }
  }

  upstreams(caller: RequestContext): UpstreamConnections {
    this.upstreamConnections ??= new UpstreamConnections(this.subgraphWsUrl, caller);
    return this.upstreamConnections;
  }

  get openUpstreamSubscriptions(): number {
    return this.upstreamConnections?.openSubscriptions ?? 0;
  }

  dispose(): void {
    this.upstreamConnections?.dispose();
  }
}
