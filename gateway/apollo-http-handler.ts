import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { REQUEST_ID_HEADER, resolveRequestId, type RequestContext } from '../platform/request-context.js';
import { activeTraceIds } from '../platform/telemetry/tracer.js';
import { isMultipart, parseMultipartRequest } from './multipart-request.js';
import { referencedId, type DocumentReference, type TrustedDocuments } from './trusted-documents.js';

/** Uploads (multipart, or base64 in JSON) carry documents of up to 10 MiB; base64 adds a third. */
const MAX_BODY_BYTES = 15_000_000;

/**
 * A minimal Node http integration for Apollo Server 5 (which ships none besides standalone): it owns the request ID,
 * so the same ID is in the response header, the context, the subgraph calls and the logs.
 */
export function apolloHttpHandler(
  server: ApolloServer<RequestContext>,
  buildContext: (headers: HeaderMap, requestId: string) => Promise<RequestContext>,
  /** TRUSTED_DOCUMENTS: only listed documents run, refused here before Apollo parses anything (docs/security.md). */
  trusted?: TrustedDocuments,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestId = resolveRequestId(headers.get(REQUEST_ID_HEADER));
    response.setHeader(REQUEST_ID_HEADER, requestId);

    let body: unknown;
    try {
      body = await readBody(request, headers);
    } catch (error) {
      response.statusCode = (error as { status?: number }).status ?? 400;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_REQUEST', requestId, ...traceIdOf() } }] }),
      );
      return;
    }

    // Only a GET carries its operation in the query string; a POST's is in the body (nothing to parse for it).
    const rawUrl = request.url ?? '/';
    const searchAt = rawUrl.indexOf('?');
    const search = new URLSearchParams(searchAt === -1 ? '' : rawUrl.slice(searchAt + 1));
    const references = documentReferences(body, search);
    const refusal = trusted && references.map((reference) => trusted.check(reference)).find(Boolean);
    if (refusal) {
      response.statusCode = 400;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          errors: [{ message: refusal.message, extensions: { code: refusal.extensions.code, requestId, ...traceIdOf() } }],
        }),
      );
      return;
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method?.toUpperCase() ?? 'GET',
        headers,
        search: searchAt === -1 ? '' : search.toString(),
        body,
      },
      // Assigned, not spread: spreading would make the context's lazy logger at once.
      context: async () => Object.assign(await buildContext(headers, requestId), { clientIp: request.socket.remoteAddress }),
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

/**
 * The documents a request names (one, or each of a batch), with a `documentId` (GraphQL over HTTP's persisted
 * documents, as GraphQL Code Generator's clients send it) rewritten in place as the APQ extension Apollo resolves.
 */
function documentReferences(body: unknown, search: URLSearchParams): DocumentReference[] {
  if (body === undefined) {
    const documentId = search.get('documentId') ?? undefined;
    let extensions: unknown;
    try {
      extensions = JSON.parse(search.get('extensions') ?? 'null');
    } catch {
      extensions = undefined; // Apollo answers the malformed parameter itself
    }
    const reference: DocumentReference = { query: search.get('query') ?? undefined, extensions, documentId };
    if (documentId && !search.has('query') && !search.has('extensions')) {
      search.delete('documentId');
      search.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: referencedId(reference) } }));
    }
    return [reference];
  }
  const items = Array.isArray(body) ? body : [body];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null).map(withDocumentIdAsApq);
}

function withDocumentIdAsApq(item: Record<string, unknown>): DocumentReference {
  const reference = { query: item.query, extensions: item.extensions, documentId: item.documentId };
  const extensions = typeof item.extensions === 'object' && item.extensions !== null ? item.extensions : {};
  if (typeof item.documentId === 'string' && item.query === undefined && !('persistedQuery' in extensions)) {
    item.extensions = { ...extensions, persistedQuery: { version: 1, sha256Hash: referencedId(reference) } };
    delete item.documentId;
  }
  return reference;
}

/**
 * JSON bodies, and multipart uploads turned into JSON. Multipart is a "simple" request a browser sends cross-site
 * without asking, so, like Apollo's CSRF prevention, it needs a header only scripts can set.
 */
async function readBody(request: IncomingMessage, headers: HeaderMap): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  const contentType = headers.get('content-type');
  if (isMultipart(contentType)) {
    if (!headers.get('apollo-require-preflight') && !headers.get('x-apollo-operation-name')) {
      throw Object.assign(
        new Error('Multipart requests need an Apollo-Require-Preflight or X-Apollo-Operation-Name header (CSRF protection)'),
        { status: 400 },
      );
    }
    const operations = await parseMultipartRequest(await readRaw(request, MAX_BODY_BYTES), contentType);
    headers.set('content-type', 'application/json');
    return operations;
  }
  const text = (await readRaw(request, MAX_BODY_BYTES)).toString('utf8');
  if (!text) return undefined;
  if (!(request.headers['content-type'] ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Request body is not valid JSON'), { status: 400 });
  }
}

async function readRaw(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error(`Request body exceeds ${limit} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Refusals made before Apollo runs name the trace too, as the errors of `requestIdInErrorsPlugin` do. */
function traceIdOf(): { traceId?: string } {
  const ids = activeTraceIds();
  return ids ? { traceId: ids.traceId } : {};
}
