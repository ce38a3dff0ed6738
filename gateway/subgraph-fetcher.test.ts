import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher.js';

describe('the subgraph fetcher', () => {
  let server: Server;
  let url: string;
  const connections: unknown[] = [];
  const received: { method?: string; authorization?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        received.push({ method: request.method, authorization: request.headers.authorization, body });
        if (request.url === '/broken') {
          response.writeHead(503, 'Busy', { 'content-type': 'text/plain' });
          return response.end('try later');
        }
        response.writeHead(200, { 'content-type': 'application/graphql-response+json', 'cache-control': 'max-age=30' });
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

  it('posts the body with its headers and returns status, headers and the JSON answer, over one kept-alive socket', async () => {
    const fetcher = createSubgraphFetcher();
    for (const query of ['{ a }', '{ b }']) {
      const response = await fetcher(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: JSON.stringify({ query }),
      });
      expect(response).toMatchObject({ ok: true, status: 200, url: `${url}/graphql` });
      expect(response.headers.get('Cache-Control')).toBe('max-age=30');
      expect(await response.json()).toEqual({ data: { echo: query } });
    }
    expect(received.slice(-2)).toEqual([
      { method: 'POST', authorization: 'Bearer t', body: '{"query":"{ a }"}' },
      { method: 'POST', authorization: 'Bearer t', body: '{"query":"{ b }"}' },
    ]);
    expect(connections).toHaveLength(1);
  });

  it('reports an error status as not ok with its text', async () => {
    const response = await createSubgraphFetcher()(`${url}/broken`, { method: 'POST', body: '{}' });
    expect(response).toMatchObject({ ok: false, status: 503, statusText: 'Busy' });
    expect(await response.clone().text()).toBe('try later');
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createSubgraphFetcher()(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
