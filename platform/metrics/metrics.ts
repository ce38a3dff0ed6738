import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type LabelValues,
  type RegistryContentType,
} from 'prom-client';
import { activeTraceIds } from '../telemetry/tracer.js';

/**
 * One Prometheus registry per process. In the embedded mode every service shares it, so metric names carry the
 * `ragline_` prefix and a label (`subgraph`, `stream`, …) rather than one registry per service. Getting a metric that
 * already exists returns it, because tests start several supergraphs in one process.
 */
export const metricsRegistry = register as Registry<RegistryContentType>;

let defaultsCollected = false;
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'ragline_' });
}

function existing<T>(name: string): T | undefined {
  return metricsRegistry.getSingleMetric(name) as T | undefined;
}

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return existing<Counter<L>>(config.name) ?? new Counter({ ...config, registers: [metricsRegistry] });
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return existing<Gauge<L>>(config.name) ?? new Gauge({ ...config, registers: [metricsRegistry] });
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return existing<Histogram<L>>(config.name) ?? new Histogram({ ...config, registers: [metricsRegistry] });
}

/**
 * A histogram whose buckets keep an exemplar: the trace and span of the latest observation that fell in them (when a
 * sampled span was active), shown to scrapers that ask for OpenMetrics. Record into it with `observeTraced`.
 */
export function tracedHistogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  const found = existing<Histogram<L>>(config.name);
  if (found) return found;
  // prom-client refuses exemplars on a registry whose format is the classic text one; ours serves both (renderMetrics).
  const created = new Histogram({ ...config, enableExemplars: true, registers: [] });
  metricsRegistry.registerMetric(created);
  return created;
}

/** Observes `value` in a `tracedHistogram`, with the active sampled span as the bucket's exemplar. */
export function observeTraced<L extends string>(metric: Histogram<L>, labels: LabelValues<L>, value: number): void {
  const ids = activeTraceIds();
  metric.observe({ labels, value, exemplarLabels: ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {} } as never);
}

/** Whether a scraper's Accept header prefers OpenMetrics (Prometheus asks for it first) to the classic text format. */
export function acceptsOpenMetrics(accept: string | null | undefined): boolean {
  return /application\/openmetrics-text/i.test(accept ?? '');
}

let rendering: Promise<unknown> = Promise.resolve();

/**
 * `GET /metrics`: OpenMetrics (with exemplars) for a scraper that asks for it, else the classic text format. Both come
 * from the one registry: prom-client renders OpenMetrics by switching the registry's format and renaming its counters
 * (`x_total` to `x`, the samples keep `_total`) for good, so each render runs alone and puts the names back.
 */
export function renderMetrics(accept?: string | null): Promise<{ contentType: string; body: string }> {
  const openMetrics = acceptsOpenMetrics(accept);
  const render = rendering.then(async () => {
    if (!openMetrics) return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
    const counters = metricsRegistry.getMetricsAsArray().filter((metric) => metric instanceof Counter);
    const names = counters.map((metric) => (metric as unknown as { name: string }).name);
    metricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    try {
      return { contentType: Registry.OPENMETRICS_CONTENT_TYPE, body: await metricsRegistry.metrics() };
    } finally {
      metricsRegistry.setContentType(Registry.PROMETHEUS_CONTENT_TYPE);
      counters.forEach((metric, index) => ((metric as unknown as { name: string }).name = names[index]!));
    }
  });
  rendering = render.catch(() => undefined);
  return render;
}
