import type { Client, FormattedExecutionResult } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../platform/logger.js';
import { REQUEST_ID_HEADER, type RequestContext } from '../../platform/request-context.js';
import { createUpstreamClient, describeSocketFailure } from './upstream-client.js';
import type { InProcessWebSocketClass } from '../../platform/server/in-process-graphql-ws.js';

/** One `next` payload as a subgraph sent it over graphql-ws. */
export type UpstreamEvent = FormattedExecutionResult<Record<string, unknown>, unknown>;

export interface UpstreamRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** Where each subgraph's graphql-ws server is: its URL, and for one in this process the in-process WebSocket class. */
export interface UpstreamSockets {
  url(serviceName: string): string;
  webSocketImpl?(serviceName: string): InProcessWebSocketClass | undefined;
}

/** Exactly one of `complete`, `rejected` or `failed` ends a subscription; none is called after unsubscribing. */
export interface UpstreamSink {
  next(event: UpstreamEvent): void;
  /** The subgraph answered the subscribe with GraphQL errors (graphql-ws `error` message). */
  rejected(errors: readonly GraphQLFormattedError[]): void;
  /** The socket could not be opened, errored or closed under the subscription. */
  failed(cause: unknown): void;
  complete(): void;
}

/**
 * The upstream graphql-ws clients of one client connection: one lazy client per subgraph, all carrying the caller's
 * authorization and request ID as connectionParams.
 */
export class UpstreamConnections {
  private readonly clients = new Map<string, Client>();
  private readonly active = new Set<() => void>();

  constructor(
    private readonly sockets: UpstreamSockets,
    private readonly caller: RequestContext,
  ) {}

  get openSubscriptions(): number {
    return this.active.size;
  }

  /** Opens one upstream subscription; the returned function closes it at once. */
  subscribe(serviceName: string, request: UpstreamRequest, sink: UpstreamSink, log: Logger): () => void {
    const fields = { subgraph: serviceName, operationName: request.operationName };
    const client = this.client(serviceName);
    let settled = false;
    let unsubscribe = () => {};
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.active.delete(close);
      return true;
    };
    const close = () => {
      if (!settle()) return;
      unsubscribe();
      log.info(fields, 'upstream subscription closed');
    };
    this.active.add(close);
    log.info(fields, 'upstream subscription opened');
    unsubscribe = client.subscribe<Record<string, unknown>>(request, {
      next: (event) => {
        if (!settled) sink.next(event);
      },
      error: (error) => {
        if (!settle()) return;
        if (isGraphQLErrors(error)) {
          log.info({ ...fields, errors: error.map((e) => e.message) }, 'upstream subscription rejected');
          sink.rejected(error);
        } else {
          log.warn({ ...fields, cause: describeSocketFailure(error) }, 'upstream subscription failed');
          sink.failed(error);
        }
      },
      complete: () => {
        if (!settle()) return;
        log.info(fields, 'upstream subscription completed');
        sink.complete();
      },
    });
    return close;
  }

  /** Closes every open upstream subscription and socket of this connection. */
  dispose(): void {
    for (const close of [...this.active]) close();
    for (const client of this.clients.values()) {
      void Promise.resolve()
        .then(() => client.dispose())
        .catch(() => {});
    }
    this.clients.clear();
  }

  private client(serviceName: string): Client {
    let client = this.clients.get(serviceName);
    if (!client) {
      client = createUpstreamClient(
        this.sockets.url(serviceName),
        {
          ...(this.caller.authorization ? { authorization: this.caller.authorization } : {}),
          [REQUEST_ID_HEADER]: this.caller.requestId,
        },
        this.sockets.webSocketImpl?.(serviceName),
      );
      this.clients.set(serviceName, client);
    }
    return client;
  }
}

function isGraphQLErrors(value: unknown): value is GraphQLFormattedError[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item?.message === 'string');
}
