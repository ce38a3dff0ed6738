import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.js';

describe('the node:http fetch', () => {
  let server: Server;
  let url: string;
  let releaseStream: () => void = () => undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        if (request.url === '/stream') {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write('data: first\n\n');
          releaseStream = () => response.end('data: [DONE]\n\n');
          return;
        }
        if (request.url === '/empty') {
          response.writeHead(204);
          return response.end();
        }
        response.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-echo-auth': request.headers.authorization ?? '' });
        response.end(JSON.stringify({ method: request.method, body: Buffer.concat(parts).toString('utf8') }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and returns status, headers and the body as a Response', async () => {
    const response = await createNodeHttpFetch()(`${url}/json`, {
      method: 'POST',
      headers: new Headers({ authorization: 'Bearer k' }),
      body: '{"a":1}',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response).toMatchObject({ status: 201, statusText: 'Made', ok: true });
    expect(response.headers.get('x-echo-auth')).toBe('Bearer k');
    expect(await response.json()).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('streams the body: the first chunk is readable before the server ends the response', async () => {
    const response = await createNodeHttpFetch()(`${url}/stream`, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('data: [DONE]\n\n');
  });

  it('gives a 204 no body, and rejects with AbortError when the signal aborts', async () => {
    const empty = await createNodeHttpFetch()(`${url}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const controller = new AbortController();
    controller.abort();
    await expect(createNodeHttpFetch()(`${url}/json`, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
