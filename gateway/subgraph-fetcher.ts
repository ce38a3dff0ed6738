import type { IncomingMessage } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SpanKind } from '@opentelemetry/api';
import { headersOf, sendNodeHttpRequest } from '../platform/http/node-http-request.js';
import { injectTraceHeaders } from '../platform/telemetry/propagation.js';
import { inSpan } from '../platform/telemetry/tracer.js';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * The gateway's subgraph calls over node:http with kept-alive sockets, the answer read whole: a subgraph fetch is one
 * small JSON POST and one small JSON answer, and every query, mutation and subscription follow-up pays for it.
 */
export function createSubgraphFetcher(): Fetcher {
  // A CLIENT span per fetch (under @apollo/gateway's `gateway.fetch`), whose context the subgraph continues: node:http
  // is called directly here, so no HTTP instrumentation would see it.
  return (url, init = {}) => {
    const target = new URL(url);
    const method = init.method ?? 'GET';
    const attributes = {
      'http.request.method': method,
      'server.address': target.hostname,
      'server.port': Number(target.port),
      'url.full': url,
    };
    return inSpan(method, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const headers = injectTraceHeaders({ ...(init.headers as Record<string, string> | undefined) });
      const response = await sendNodeHttpRequest(target, {
        method,
        headers,
        ...(init.body ? { body: init.body } : {}),
        signal: init.signal,
      });
      span.setAttribute('http.response.status_code', response.statusCode ?? 0);
      const parts: Buffer[] = [];
      for await (const part of response) parts.push(part as Buffer);
      return bufferedResponse(url, response, Buffer.concat(parts));
    });
  };
}

function bufferedResponse(url: string, response: IncomingMessage, body: Buffer): FetcherResponse {
  const headers = headersOf(response);
  const status = response.statusCode ?? 0;
  const make = (): FetcherResponse => ({
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: response.statusMessage ?? '',
    headers,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')),
    clone: make,
  });
  return make();
}
