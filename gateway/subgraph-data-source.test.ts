import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import type { RequestContext } from '../platform/request-context.js';
import { SubgraphDataSource } from './subgraph-data-source.js';

type Options = GraphQLDataSourceProcessOptions<RequestContext>;

describe('the subgraph data source', () => {
  let server: Server;
  let url: string;
  const connections: unknown[] = [];
  const received: { method?: string; path?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        received.push({ method: request.method, path: request.url, headers: request.headers, body });
        if (request.url === '/broken') {
          response.writeHead(503, 'Busy', { 'content-type': 'text/plain' });
          return response.end('try later');
        }
        if (request.url === '/denied') {
          response.writeHead(401, { 'content-type': 'application/json' });
          return response.end('{"errors":[{"message":"no"}]}');
        }
        if (request.url === '/html') {
          response.writeHead(200, { 'content-type': 'text/html' });
          return response.end('<p>hi</p>');
        }
        response.writeHead(200, { 'content-type': 'application/graphql-response+json', 'cache-control': 'max-age=30, private' });
        response.end(JSON.stringify({ data: { echo: JSON.parse(body).query } }));
      });
    });
    server.on('connection', (socket) => connections.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const context: RequestContext = {
    requestId: 'req-1',
    authorization: 'Bearer t',
    log: createLogger({ level: 'silent', service: 'test' }),
  };
  const operation = (query: string, hints: object[] = []): Options =>
    ({
      kind: 'incoming operation',
      request: { query, variables: { first: 1 }, operationName: 'Op' },
      context,
      incomingRequestContext: { overallCachePolicy: { restrict: (hint: object) => hints.push(hint) } },
    }) as unknown as Options;

  it("posts the operation with the caller's token and request ID and answers the JSON, over one kept-alive connection", async () => {
    const source = new SubgraphDataSource(`${url}/graphql`, 'test');
    const hints: object[] = [];
    for (const query of ['query Op { a }', 'query Op { b }']) {
      expect(await source.process(operation(query, hints))).toEqual({ data: { echo: query } });
      // undici hands the connection back to its pool just after the answer's body ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(received.slice(-2).map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'POST', path: '/graphql', body: '{"query":"query Op { a }","variables":{"first":1},"operationName":"Op"}' },
      { method: 'POST', path: '/graphql', body: '{"query":"query Op { b }","variables":{"first":1},"operationName":"Op"}' },
    ]);
    expect(received.at(-1)!.headers).toMatchObject({
      authorization: 'Bearer t',
      'x-request-id': 'req-1',
      'content-type': 'application/json',
    });
    expect(connections).toHaveLength(1);
    // The subgraph's Cache-Control restricts the operation's policy, as Apollo's RemoteGraphQLDataSource does.
    expect(hints).toEqual([
      { maxAge: 30, scope: 'PRIVATE' },
      { maxAge: 30, scope: 'PRIVATE' },
    ]);
  });

  it('turns an error status into "<status>: <text>" with the answer under extensions.response', async () => {
    const busy = new SubgraphDataSource(`${url}/broken`, 'test');
    await expect(busy.process(operation('query Op { a }'))).rejects.toMatchObject({
      message: '503: Busy',
      extensions: { response: { url: `${url}/broken`, status: 503, statusText: 'Busy', body: 'try later' } },
    });
    const denied = new SubgraphDataSource(`${url}/denied`, 'test');
    await expect(denied.process(operation('query Op { a }'))).rejects.toMatchObject({
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED', response: { status: 401, body: { errors: [{ message: 'no' }] } } },
    });
  });

  it('refuses an answer that is not JSON', async () => {
    const html = new SubgraphDataSource(`${url}/html`, 'test');
    await expect(html.process(operation('query Op { a }'))).rejects.toThrow('Expected JSON response body, but received: <p>hi</p>');
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const source = new SubgraphDataSource(`http://127.0.0.1:${port}/graphql`, 'test');
    await expect(source.process(operation('query Op { a }'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
