import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { REQUEST_ID_HEADER, resolveRequestId, type RequestContext } from '../platform/request-context.js';

const MAX_BODY_BYTES = 1_000_000;

/**
 * A minimal Node http integration for Apollo Server 5 (which ships none besides standalone): it owns the request ID,
 * so the same ID is in the response header, the context, the subgraph calls and the logs.
 */
export function apolloHttpHandler(server: ApolloServer<RequestContext>, buildContext: (headers: HeaderMap, requestId: string) => Promise<RequestContext>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestId = resolveRequestId(headers.get(REQUEST_ID_HEADER));
    response.setHeader(REQUEST_ID_HEADER, requestId);

    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (error) {
      response.statusCode = (error as { status?: number }).status ?? 400;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_REQUEST', requestId } }] }));
      return;
    }

    const url = new URL(request.url ?? '/', 'http://localhost');
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
      context: () => buildContext(headers, requestId),
    });
    response.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) response.setHeader(name, value);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`Request body exceeds ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if (!(request.headers['content-type'] ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Request body is not valid JSON'), { status: 400 });
  }
}
