import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { contextFromTraceparent, currentTraceparent, extractTraceContext, injectTraceHeaders, linkToTraceparent } from './propagation.js';
import { inSpan, tracer } from './tracer.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context propagation helpers', () => {
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('continues a caller’s traceparent and injects the active span into outgoing headers', async () => {
    const parent = extractTraceContext({ traceparent: TRACEPARENT, 'x-request-id': 'r1' });
    await inSpan('server', { parent }, async (span) => {
      expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      const headers: Record<string, string> = injectTraceHeaders({ authorization: 'Bearer t' });
      expect(headers).toEqual({
        authorization: 'Bearer t',
        traceparent: `00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-01`,
      });
      expect(currentTraceparent()).toBe(headers.traceparent);
    });
    const [server] = exporter.getFinishedSpans();
    expect(server!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('turns a stored traceparent into a link or a parent, and ignores malformed ones', () => {
    expect(linkToTraceparent(TRACEPARENT)?.context).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
    for (const bad of [undefined, null, '', 'garbage', '00-00000000000000000000000000000000-b7ad6b7169203331-01']) {
      expect(linkToTraceparent(bad)).toBeUndefined();
    }
    const child = tracer.startSpan('later', {}, contextFromTraceparent(TRACEPARENT));
    expect(child.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    child.end();
    expect(trace.getSpanContext(contextFromTraceparent(undefined))).toBeUndefined();
  });

  it('records a thrown error on the span and rethrows it', async () => {
    exporter.reset();
    await expect(inSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const [failing] = exporter.getFinishedSpans();
    expect(failing!.status).toMatchObject({ code: 2, message: 'boom' });
    expect(failing!.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('writes trace_id and span_id on log lines written inside a span, and none outside', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger({ level: 'info', service: 'test' }, destination);
    logger.info('outside');
    let ids: { traceId: string; spanId: string } | undefined;
    await inSpan('work', {}, async (span) => {
      ids = span.spanContext();
      logger.child({ requestId: 'r1' }).info('inside');
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ msg: 'inside', requestId: 'r1', trace_id: ids!.traceId, span_id: ids!.spanId });
  });
});
