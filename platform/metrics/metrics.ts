import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/**
 * One Prometheus registry per process. In the embedded mode every service shares it, so metric names carry the
 * `ragline_` prefix and a label (`subgraph`, `stream`, …) rather than one registry per service. Getting a metric that
 * already exists returns it, because tests start several supergraphs in one process.
 */
export const metricsRegistry = register;

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

/** The text exposition format, for `GET /metrics`. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
