import { OPS, RATE, dashboard, p95, rateBy, timeseries } from './panels.js';

/** Gateway and subgraphs: traffic, latency, errors. */
export const gatewayDashboard = dashboard(
  'ragline-gateway',
  'RAGline / Gateway and subgraphs',
  'Traffic, latency and errors of the gateway and of each subgraph (docs/operations.md#gateway-and-subgraphs)',
  [
    {
      title: 'Traffic',
      panels: [
        timeseries('Operations per second', 'GraphQL operations by service', OPS, [
          { expr: rateBy('ragline_graphql_operation_duration_seconds_count', 'service'), legend: '{{service}}' },
        ]),
        timeseries('Gateway operations by name', 'Operations per second at the gateway by operation name and type', OPS, [
          {
            expr: rateBy('ragline_graphql_operation_duration_seconds_count', 'operation_name, operation_type', '{service="gateway"}'),
            legend: '{{operation_type}} {{operation_name}}',
          },
        ]),
        timeseries('Subgraph fetches per second', 'Fetches the gateway sends to each subgraph', OPS, [
          { expr: rateBy('ragline_gateway_subgraph_fetches_total', 'subgraph, kind'), legend: '{{subgraph}} {{kind}}' },
        ]),
        timeseries('Rate-limit refusals', 'Operations refused by a gateway rate limit (RATE_LIMITED, 429)', OPS, [
          { expr: rateBy('ragline_rate_limit_refusals_total', 'budget, scope'), legend: '{{budget}} per {{scope}}' },
        ]),
      ],
    },
    {
      title: 'Latency',
      panels: [
        timeseries('p95 operation duration by service', 'GraphQL operation duration, 95th percentile', 's', [
          { expr: p95('ragline_graphql_operation_duration_seconds', 'service'), legend: '{{service}}' },
        ]),
        timeseries('p95 gateway duration by operation', '95th percentile at the gateway per operation name', 's', [
          {
            expr: p95('ragline_graphql_operation_duration_seconds', 'operation_name', '{service="gateway"}'),
            legend: '{{operation_name}}',
          },
        ]),
        timeseries('p95 subgraph fetch duration', 'Gateway-to-subgraph fetch time, 95th percentile', 's', [
          { expr: p95('ragline_gateway_subgraph_fetch_duration_seconds', 'subgraph'), legend: '{{subgraph}}' },
        ]),
        timeseries('Event loop lag p99', 'Node.js event loop delay per scraped process', 's', [
          { expr: 'max by (job) (ragline_nodejs_eventloop_lag_p99_seconds)', legend: '{{job}}' },
        ]),
      ],
    },
    {
      title: 'Errors',
      panels: [
        timeseries('Errors per second by code', 'GraphQL errors by service and extensions.code', OPS, [
          { expr: rateBy('ragline_graphql_errors_total', 'service, code'), legend: '{{service}} {{code}}' },
        ]),
        timeseries('Error ratio by service', 'Errors per operation (an operation may carry several)', 'percentunit', [
          {
            expr:
              `sum by (service) (rate(ragline_graphql_errors_total[${RATE}])) / ` +
              `sum by (service) (rate(ragline_graphql_operation_duration_seconds_count[${RATE}]))`,
            legend: '{{service}}',
          },
        ]),
        timeseries('Failed subgraph fetches', 'Fetches that failed at the transport (no GraphQL answer)', OPS, [
          {
            expr: rateBy('ragline_gateway_subgraph_fetch_duration_seconds_count', 'subgraph, outcome'),
            legend: '{{subgraph}} {{outcome}}',
          },
        ]),
        timeseries('Process memory', 'Resident memory per scraped process', 'bytes', [
          { expr: 'max by (job) (ragline_process_resident_memory_bytes)', legend: '{{job}}' },
        ]),
      ],
    },
  ],
);
