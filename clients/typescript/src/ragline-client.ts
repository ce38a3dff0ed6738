import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import { documentText, operationName } from './documents.js';
import { RaglineError, type RaglineGraphQLError } from './errors.js';
import { iterate } from './subscriptions.js';

export interface RaglineClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** graphql-ws endpoint; defaults to `url` with http(s) replaced by ws(s). */
  wsUrl?: string;
  /** A fixed bearer token (a dev token from `npm run token`, or one from your identity provider). */
  token?: string;
  /** Called for every HTTP request and every (re)connection of the socket: return a fresh token when yours expire. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to the global WebSocket (browsers, Node 22+). */
  webSocketImpl?: unknown;
  /** Socket reconnection attempts before subscriptions fail (default 10); waits grow 0.5 s, 1 s, 2 s ... up to 15 s. */
  retryAttempts?: number;
}

export type Variables<TVariables> = TVariables extends Record<string, never> ? TVariables | undefined : TVariables;

export interface RaglineClient {
  /** Runs a query or mutation over HTTP; resolves its data or throws a RaglineError with the first error's code. */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData>;
  /** A subscription over graphql-ws as an async iterator of its results' data. */
  subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): AsyncIterableIterator<TData>;
  /** The underlying graphql-ws client (one socket shared by every subscription of this client). */
  readonly ws: Client;
  /** Closes the socket; pending subscriptions complete. */
  close(): Promise<void>;
}

/** Exponential backoff with full jitter between socket reconnections. */
export function reconnectDelayMs(retries: number, random = Math.random): number {
  const ceiling = Math.min(15_000, 500 * 2 ** retries);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The SDK's entry point: typed operations over fetch, subscriptions over one graphql-ws socket. */
export function createRaglineClient(options: RaglineClientOptions): RaglineClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const token = async () => (options.getToken ? await options.getToken() : options.token);
  const ws = createClient({
    url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    lazy: true,
    // Read again on every connection, so a reconnect after the token expired carries a fresh one.
    connectionParams: async () => {
      const current = await token();
      return current ? { authorization: `Bearer ${current}` } : {};
    },
    retryAttempts: options.retryAttempts ?? 10,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
    // A refused or dropped socket (server restart, network change) is worth retrying; 4xxx closes are not retried by
    // graphql-ws itself unless told, and the gateway's only 44xx is an authentication refusal a new token may fix.
    shouldRetry: () => true,
  });

  return {
    ws,
    async request(document, variables) {
      const current = await token();
      const response = await fetchImpl(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(current ? { authorization: `Bearer ${current}` } : {}),
        },
        body: JSON.stringify({ query: documentText(document), operationName: operationName(document), variables: variables ?? {} }),
      });
      const body = (await response.json().catch(() => ({}))) as { data?: unknown; errors?: RaglineGraphQLError[] };
      if (body.errors?.length || !body.data) throw new RaglineError(body.errors ?? [], response.status);
      return body.data as never;
    },
    subscribe(document, variables) {
      return iterate(ws, {
        query: documentText(document),
        operationName: operationName(document),
        variables: (variables ?? {}) as Record<string, unknown>,
      });
    },
    close: () => ws.dispose() as Promise<void>,
  };
}
