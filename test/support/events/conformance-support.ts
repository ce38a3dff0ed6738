import type { PublishInput } from '../../../platform/events/event-bus.js';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';

/** Shared by the conformance suites: generous, because CI machines stall, yet well under the test timeout. */
export const WAIT_MS = 5000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const input = (type: string, payload: unknown = {}): PublishInput => ({ type, tenantId: 'tenant-a', payload });

/** A metric's current value for exactly these labels; undefined when never set. */
export async function metricValue(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const match = values.find(
    (value) => wanted.length === Object.keys(value.labels).length && wanted.every(([key, v]) => value.labels[key] === v),
  );
  return match?.value;
}
