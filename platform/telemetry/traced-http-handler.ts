import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
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
    const { parent, span } = startServerSpan(service, request.method ?? 'GET', path, request.headers);
    if (!span.isRecording()) return handler(request, response);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      endServerSpan(span, response.statusCode);
    };
    response.once('finish', end);
    response.once('close', end);
    return context.with(trace.setSpan(parent, span), () => handler(request, response));
  };
}

/** A SERVER span for a request to `service`, continuing the caller's W3C `traceparent` found in `headers`. */
export function startServerSpan(
  service: string,
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): { parent: Context; span: Span } {
  const parent = extractTraceContext(headers);
  const attributes = { 'http.request.method': method, 'url.path': path, 'ragline.service': service };
  return { parent, span: tracer.startSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes }, parent) };
}

/** Ends a SERVER span with the answer's status (an error from 500 up); undefined: the handler threw, no answer. */
export function endServerSpan(span: Span, status: number | undefined): void {
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
