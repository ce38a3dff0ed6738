import { context, propagation, ROOT_CONTEXT, trace, type Context, type Link } from '@opentelemetry/api';

/** Adds `traceparent` (and `tracestate`, `baggage`) of `from` (the active context by default) to outgoing headers. */
export function injectTraceHeaders<T extends Record<string, unknown>>(headers: T, from: Context = context.active()): T {
  propagation.inject(from, headers);
  return headers;
}

/** The context a caller sent (W3C `traceparent`), on top of the active one; header names are matched in lower case. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key.toLowerCase()],
  });
}

/** The active span's W3C `traceparent`, to store with work that continues later (an outbox row, a bus message). */
export function currentTraceparent(from: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier.traceparent;
}

/** A link to the span a stored `traceparent` names; undefined when absent or malformed. */
export function linkToTraceparent(traceparent: string | null | undefined): Link | undefined {
  if (!traceparent) return undefined;
  const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
  return spanContext && trace.isSpanContextValid(spanContext) ? { context: spanContext } : undefined;
}

/** The context a stored `traceparent` names, as a parent for the work that continues it; the root context if none. */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
