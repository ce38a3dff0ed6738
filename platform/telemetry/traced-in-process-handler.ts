import { context, trace } from '@opentelemetry/api';
import { endServerSpan, startServerSpan } from './traced-http-handler.js';

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
    const { parent, span } = startServerSpan(service, 'POST', new URL(request.url).pathname, request.headers);
    if (!span.isRecording()) return handler(request);
    let status: number | undefined;
    try {
      const response = await context.with(trace.setSpan(parent, span), () => handler(request));
      status = response.status;
      return response;
    } finally {
      endServerSpan(span, status);
    }
  };
}
