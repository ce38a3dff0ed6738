import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext } from './propagation.js';
import { tracer } from './tracer.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * A SERVER span per HTTP request, continuing the caller's W3C `traceparent`, active while `handler` runs (so the
 * spans of everything it awaits nest under it); it ends when the response has been sent or the connection closed.
 * Explicit rather than @opentelemetry/instrumentation-http: that needs the ESM loader hook (`--import`) to patch
 * node:http in this ESM project, and the servers here are few and known (docs/tracing.md).
 */
export function tracedHttpHandler(service: string, handler: Handler): Handler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    // Probes and scrapes would drown the traces that matter.
    if (path !== '/graphql') return handler(request, response);
    const parent = extractTraceContext(request.headers);
    const span = tracer.startSpan(
      `${request.method ?? 'GET'} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': path, 'ragline.service': service },
      },
      parent,
    );
    if (!span.isRecording()) return handler(request, response);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', end);
    response.once('close', end);
    return context.with(trace.setSpan(parent, span), () => handler(request, response));
  };
}
