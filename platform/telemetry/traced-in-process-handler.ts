import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext } from './propagation.js';
import { tracer } from './tracer.js';

/** A POST to a server in this process, handed over without a socket: what the gateway sends a subgraph it runs beside. */
export interface InProcessRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type InProcessServe = (request: InProcessRequest) => Promise<Response>;

/** A server of this process as its in-process callers see it: undefined once it stopped serving (closed). */
export type InProcessHandler = (request: InProcessRequest) => Promise<Response | undefined>;

/**
 * The SERVER span `tracedHttpHandler` opens for a request that came over HTTP, for one handed over in process: the
 * caller's `traceparent` (header names in lower case, as the gateway sends them) continues, and the span ends with the
 * answer.
 */
export function tracedInProcessHandler(service: string, handler: InProcessServe): InProcessServe {
  return async (request) => {
    const parent = extractTraceContext(request.headers);
    const path = new URL(request.url).pathname;
    const span = tracer.startSpan(
      `POST ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'url.path': path, 'ragline.service': service } },
      parent,
    );
    if (!span.isRecording()) return handler(request);
    try {
      const response = await context.with(trace.setSpan(parent, span), () => handler(request));
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  };
}
