import { counter, gauge, histogram } from '../../../platform/metrics/metrics.js';

export const outboxMetrics = {
  published: counter({
    name: 'ragline_outbox_published_total',
    help: 'Outbox events published to the bus (republished duplicates included)',
  }),
  backlog: gauge({ name: 'ragline_outbox_backlog', help: 'Outbox events not yet published' }),
  lag: histogram({
    name: 'ragline_outbox_publish_lag_seconds',
    help: 'From the commit that wrote an outbox event to its publication on the bus',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  oldestAge: gauge({
    name: 'ragline_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when none)',
  }),
};
