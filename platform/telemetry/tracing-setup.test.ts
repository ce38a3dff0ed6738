import { propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../../test/support/otlp-receiver.js';
import { currentTraceparent } from './propagation.js';
import { activeTraceIds, inSpan } from './tracer.js';
import { capturesMessageContent } from './tracing-settings.js';
import { otlpTracesUrl, startTracing, type TracingHandle } from './tracing-setup.js';

describe('otlpTracesUrl', () => {
  it('reads the standard variables: the traces endpoint as is, else the base endpoint + /v1/traces', () => {
    expect(otlpTracesUrl({})).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(
      otlpTracesUrl({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/traces',
      }),
    ).toBe('http://other:4318/traces');
  });

  it('is off when OTEL_SDK_DISABLED is true or OTEL_TRACES_EXPORTER is none', () => {
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'otlp' })).toBe('http://c:4318/v1/traces');
  });
});

describe('startTracing', () => {
  let handle: TracingHandle | undefined;
  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
  });

  it('registers nothing without OTEL_* variables: spans do not record, no context is propagated, nothing is exported', async () => {
    handle = startTracing({ serviceName: 'test', env: {} });
    expect(handle.enabled).toBe(false);
    expect(propagation.fields()).toEqual([]);
    await inSpan('work', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      expect(activeTraceIds()).toBeUndefined();
      expect(currentTraceparent()).toBeUndefined();
    });
    expect(trace.getTracer('any').startSpan('x').isRecording()).toBe(false);
  });

  it('exports to the configured endpoint with the W3C propagator; message content stays off unless opted in', async () => {
    const receiver = await startOtlpReceiver();
    const tracesUrl = `${receiver.url}/v1/traces`;
    handle = startTracing({
      serviceName: 'unit',
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tracesUrl },
    });
    expect(handle).toMatchObject({ enabled: true, tracesUrl });
    expect(propagation.fields()).toContain('traceparent');
    expect(capturesMessageContent()).toBe(false);
    await inSpan('work', {}, async (span) => {
      expect(span.isRecording()).toBe(true);
      expect(currentTraceparent()).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    });
    await handle.forceFlush();
    await receiver.close();
    expect(receiver.spans).toEqual([expect.objectContaining({ name: 'work', serviceName: 'unit' })]);
  });

  it('shuts down without failing when the collector cannot be reached', async () => {
    handle = startTracing({
      serviceName: 'unit',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_TIMEOUT: '200' },
    });
    await inSpan('lost', {}, async () => undefined);
    await expect(handle.shutdown()).resolves.toBeUndefined();
  });
});
