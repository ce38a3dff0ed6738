import { OPS, RATE, dashboard, hitRatio, p95, rateBy, stat, timeseries } from './panels.js';

/** Orders, the outbox, the event bus and the catalog cache. */
export const ordersDashboard = dashboard(
  'ragline-orders',
  'RAGline / Orders and outbox',
  'Order traffic, the transactional outbox, the event bus and the catalog cache (docs/operations.md#orders-and-outbox)',
  [
    {
      title: 'Orders',
      panels: [
        timeseries('Orders subgraph operations', 'Operations per second on the orders subgraph by name', OPS, [
          {
            expr: rateBy('ragline_graphql_operation_duration_seconds_count', 'operation_name, operation_type', '{service="orders"}'),
            legend: '{{operation_type}} {{operation_name}}',
          },
        ]),
        timeseries('Order events recorded', 'Order events the observability subgraph recorded, by type', OPS, [
          { expr: rateBy('ragline_order_events_consumed_total', 'type'), legend: '{{type}}' },
        ]),
        timeseries('Order event delivery p95', 'From the order commit to the observability subgraph recording it', 's', [
          { expr: p95('ragline_order_event_delivery_seconds', 'job'), legend: '{{job}}' },
        ]),
        timeseries('Catalog cache hit ratio', 'Catalog reads served from the cache', 'percentunit', [
          { expr: hitRatio('ragline_catalog_cache_requests_total'), legend: 'hit ratio' },
        ]),
      ],
    },
    {
      title: 'Outbox and bus',
      panels: [
        stat('Outbox backlog', 'Outbox events not yet published', 'none', { expr: 'max(ragline_outbox_backlog)', legend: 'backlog' }),
        stat('Oldest unpublished event', 'Age of the oldest unpublished outbox event', 's', {
          expr: 'max(ragline_outbox_oldest_unpublished_age_seconds)',
          legend: 'age',
        }),
        stat('Dead letters', 'Events that exhausted their retries, all streams', 'none', {
          expr: 'sum(max by (stream, group) (ragline_bus_dead_letters))',
          legend: 'dead letters',
        }),
        stat('Consumer lag', 'Events not yet handed to a consumer, all groups', 'none', {
          expr: 'sum(max by (stream, group) (ragline_bus_group_lag))',
          legend: 'lag',
        }),
        timeseries('Outbox publish lag p95', 'From the commit that wrote an outbox event to its publication', 's', [
          { expr: p95('ragline_outbox_publish_lag_seconds', 'job'), legend: '{{job}}' },
        ]),
        timeseries('Bus deliveries by outcome', 'Handled deliveries per stream, group and outcome (ok, retry, dead)', OPS, [
          { expr: rateBy('ragline_bus_events_handled_total', 'stream, group, outcome'), legend: '{{stream}} {{group}} {{outcome}}' },
        ]),
        timeseries('Dead letters by stream', 'Dead letters waiting per stream and consumer group', 'none', [
          { expr: 'max by (stream, group) (ragline_bus_dead_letters)', legend: '{{stream}} {{group}}' },
        ]),
        timeseries('Events published', 'Outbox publications and bus publications per stream', OPS, [
          { expr: `sum(rate(ragline_outbox_published_total[${RATE}]))`, legend: 'outbox' },
          { expr: rateBy('ragline_bus_events_published_total', 'stream'), legend: 'bus {{stream}}' },
        ]),
      ],
    },
  ],
);
