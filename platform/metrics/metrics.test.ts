import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsOpenMetrics, counter, observeTraced, renderMetrics, tracedHistogram } from './metrics.js';

const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

/** Runs `work` with a sampled (or unsampled) span context active, as a traced request's code runs. */
function inTrace(sampled: boolean, work: () => void): void {
  const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE });
  context.with(trace.setSpan(context.active(), span), work);
}

describe('metric exemplars: trace IDs on histogram buckets, for scrapers that ask for OpenMetrics', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => void context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => {
    contextManager.disable();
    context.disable();
  });

  const latency = tracedHistogram({ name: 'exemplar_test_seconds', help: 'test', labelNames: ['route'], buckets: [0.1, 1] });
  const hits = counter({ name: 'exemplar_test_hits_total', help: 'test', labelNames: ['route'] });

  it('puts the active sampled span on the bucket the value fell in, in OpenMetrics only', async () => {
    inTrace(true, () => observeTraced(latency, { route: 'menu' }, 0.05));
    inTrace(false, () => observeTraced(latency, { route: 'menu' }, 0.5));
    observeTraced(latency, { route: 'menu' }, 5);
    hits.inc({ route: 'menu' });

    const open = await renderMetrics(PROMETHEUS_ACCEPT);
    expect(open.contentType).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(open.body).toMatch(
      new RegExp(
        `^exemplar_test_seconds_bucket\\{le="0\\.1",route="menu"\\} 1 # \\{trace_id="${TRACE_ID}",span_id="${SPAN_ID}"\\} 0\\.05 \\d`,
        'm',
      ),
    );
    // Unsampled and untraced observations leave their buckets without an exemplar.
    expect(open.body).toMatch(/^exemplar_test_seconds_bucket\{le="1",route="menu"\} 2$/m);
    expect(open.body).toMatch(/^exemplar_test_seconds_bucket\{le="\+Inf",route="menu"\} 3$/m);
    expect(open.body).toMatch(/^# TYPE exemplar_test_hits counter$/m);
    expect(open.body).toMatch(/^exemplar_test_hits_total\{route="menu"\} 1$/m);
    expect(open.body.endsWith('# EOF\n')).toBe(true);
  });

  it('keeps the classic text format for everyone else, counter names intact after an OpenMetrics render', async () => {
    await renderMetrics(PROMETHEUS_ACCEPT);
    const [classic, open, again] = await Promise.all([
      renderMetrics(undefined),
      renderMetrics(PROMETHEUS_ACCEPT),
      renderMetrics('text/plain'),
    ]);
    for (const text of [classic, again]) {
      expect(text.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text.body).toMatch(/^# TYPE exemplar_test_hits_total counter$/m);
      expect(text.body).toMatch(/^exemplar_test_hits_total\{route="menu"\} 1$/m);
      expect(text.body).toMatch(/^exemplar_test_seconds_bucket\{le="0\.1",route="menu"\} 1$/m);
      expect(text.body).not.toContain('trace_id');
    }
    expect(open.body).toContain(`trace_id="${TRACE_ID}"`);
  });

  it('reads the Accept header as Prometheus and curl send it', () => {
    expect(acceptsOpenMetrics(PROMETHEUS_ACCEPT)).toBe(true);
    expect(acceptsOpenMetrics('*/*')).toBe(false);
    expect(acceptsOpenMetrics(undefined)).toBe(false);
  });
});
