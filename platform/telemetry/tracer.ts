import { context, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span, type SpanKind } from '@opentelemetry/api';

/** RAGline's own spans (gateway, subgraph servers, database, bus, model calls). @apollo/gateway adds its own. */
export const tracer = trace.getTracer('ragline');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Start a new trace (linked, not parented) even when a span is active. */
  root?: boolean;
  /** The parent's context, when not the active one. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span, ends it when `work` settles and records a thrown error on it (status ERROR,
 * `exception` event) before rethrowing. Costs a no-op span when tracing is off.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const { parent, ...spanOptions } = options;
  return tracer.startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * `inSpan` only inside a traced operation: statements and commands made outside one (pollers, start-up) would each be a
 * trace of their own, and skipping them keeps the untraced path free of span bookkeeping.
 */
export function inChildSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  return trace.getActiveSpan()?.isRecording() ? inSpan(name, options, work) : work();
}

export function recordFailure(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** The active span's IDs (log lines, error extensions); undefined when no sampled span is active. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  // A non-recording, unsampled context (tracing off) has the all-zero invalid IDs or names no exported trace.
  if (!trace.isSpanContextValid(span.spanContext()) || (traceFlags & 1) === 0) return undefined;
  return { traceId, spanId };
}
