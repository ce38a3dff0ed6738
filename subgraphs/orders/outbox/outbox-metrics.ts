import { counter, gauge } from '../../../platform/metrics/metrics.js';

export const outboxMetrics = {
  published: counter({ name: 'ragline_outbox_published_total', help: 'Outbox events published to the bus (republished duplicates included)' }),
  backlog: gauge({ name: 'ragline_outbox_backlog', help: 'Outbox events not yet published' }),
  oldestAge: gauge({ name: 'ragline_outbox_oldest_unpublished_age_seconds', help: 'Age of the oldest unpublished outbox event (0 when none)' }),
};
