import type { Counter, Gauge } from 'prom-client';
import { counter, gauge } from '../metrics/metrics.js';

export type HandledOutcome = 'ok' | 'retry' | 'dead';

export interface BusMetrics {
  /** Events/s is `rate()` of this and of `handled`; a counter survives scrape gaps where a gauge of rates would not. */
  published: Counter<'stream'>;
  handled: Counter<'stream' | 'group' | 'outcome'>;
  /** Set from the transport's count (not incremented), so several processes sharing a Redis group agree on it. */
  deadLetters: Gauge<'stream' | 'group'>;
  lag: Gauge<'stream' | 'group'>;
}

let metrics: BusMetrics | undefined;

/** Created on first use rather than at import, so importing the bus registers nothing. */
export function busMetrics(): BusMetrics {
  metrics ??= {
    published: counter({ name: 'ragline_bus_events_published_total', help: 'Events published to the event bus', labelNames: ['stream'] }),
    handled: counter({
      name: 'ragline_bus_events_handled_total',
      help: 'Deliveries to consumer groups by outcome: ok (acknowledged), retry (failed, will be retried), dead (moved to the dead letters)',
      labelNames: ['stream', 'group', 'outcome'],
    }),
    deadLetters: gauge({
      name: 'ragline_bus_dead_letters',
      help: 'Dead letters waiting to be reprocessed or discarded',
      labelNames: ['stream', 'group'],
    }),
    lag: gauge({
      name: 'ragline_bus_group_lag',
      help: 'Events not yet handed to any consumer of the group (refreshed by consumers at most once per second)',
      labelNames: ['stream', 'group'],
    }),
  };
  return metrics;
}
