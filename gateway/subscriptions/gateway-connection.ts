import type { RequestContext } from '../../platform/request-context.js';
import { UpstreamConnections, type UpstreamSockets } from './upstream-connections.js';

/**
 * One authenticated client websocket (a socket whose `connection_init` fails authentication is closed with 4403 and
 * never gets one): who the caller is and, once the first subscription needs them, the upstream clients to the subgraphs.
 */
export class GatewayConnection {
  private upstreamConnections?: UpstreamConnections;

  constructor(
    readonly caller: RequestContext,
    private readonly sockets: UpstreamSockets,
  ) {}

  /** The caller's token has expired: the socket stays open for nothing but a reconnect with a fresh one. */
  get tokenExpired(): boolean {
    return this.caller.tokenExpiresAt !== undefined && Date.now() >= this.caller.tokenExpiresAt;
  }

  upstreams(): UpstreamConnections {
    this.upstreamConnections ??= new UpstreamConnections(this.sockets, this.caller);
    return this.upstreamConnections;
  }

  get openUpstreamSubscriptions(): number {
    return this.upstreamConnections?.openSubscriptions ?? 0;
  }

  dispose(): void {
    this.upstreamConnections?.dispose();
  }
}
