import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  RowBuilder,
  type Dashboard,
  type Panel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import { hitRatio, p95, rateBy, RATE, stat, timeseries } from './panels.js';

interface Section {
  title: string;
  panels: Builder<Panel>[];
}

function dashboard(uid: string, title: string, description: string, sections: Section[]): Dashboard {
  const builder = new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['ragline'])
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .withVariable(new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus'));
  for (const section of sections) {
    builder.withRow(new RowBuilder(section.title));
    for (const panel of section.panels) builder.withPanel(panel);
  }
  return builder.build();
}

const OPS = 'ops';

const gateway = dashboard(
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

const orders = dashboard(
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

const knowledge = dashboard(
  'ragline-knowledge',
  'RAGline / Knowledge search and ingestion',
  'Search traffic and latency by mode, ingestion jobs, embedding and help-article caches (docs/operations.md#knowledge)',
  [
    {
      title: 'Search',
      panels: [
        timeseries('Searches per second', 'Knowledge searches by mode and rerank', OPS, [
          { expr: rateBy('ragline_knowledge_searches_total', 'mode, rerank'), legend: '{{mode}} rerank={{rerank}}' },
        ]),
        timeseries('Search p95 by mode', 'Database and rerank time, 95th percentile', 's', [
          { expr: p95('ragline_knowledge_search_seconds', 'mode'), legend: '{{mode}}' },
        ]),
        timeseries('Embedding cache hit ratio', 'Texts whose embedding came from the cache, by purpose', 'percentunit', [
          { expr: hitRatio('ragline_knowledge_embedding_cache_requests_total', 'purpose'), legend: '{{purpose}}' },
        ]),
        timeseries('Help-article cache hit ratio', 'Order help-article lookups served from the cache', 'percentunit', [
          { expr: hitRatio('ragline_help_articles_cache_requests_total'), legend: 'hit ratio' },
        ]),
      ],
    },
    {
      title: 'Ingestion',
      panels: [
        timeseries('Ingestion jobs', 'Finished ingestion and reindex jobs by outcome', OPS, [
          { expr: rateBy('ragline_knowledge_ingestions_total', 'kind, outcome'), legend: '{{kind}} {{outcome}}' },
        ]),
        timeseries('Ingestion job p95', 'From queued to finished, 95th percentile', 's', [
          { expr: p95('ragline_knowledge_ingestion_duration_seconds', 'kind'), legend: '{{kind}}' },
        ]),
        timeseries('Chunks embedded per second', 'Chunks stored by finished jobs', 'cps', [
          { expr: rateBy('ragline_knowledge_chunks_embedded_total', 'kind'), legend: '{{kind}}' },
        ]),
      ],
    },
  ],
);

const AI_LABELS = 'provider, model';

const assistant = dashboard(
  'ragline-assistant',
  'RAGline / Assistant',
  'Model calls (time to first token, tokens, cost, breaker), tool calls, caches and quotas (docs/operations.md#assistant)',
  [
    {
      title: 'Model calls',
      panels: [
        timeseries('Time to first token p95', 'gen_ai client time to first chunk by provider and model', 's', [
          { expr: p95('gen_ai_client_operation_time_to_first_chunk_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Time to first token p95 by prompt variant', 'Compare A/B variants of a prompt', 's', [
          { expr: p95('gen_ai_client_operation_time_to_first_chunk_seconds', 'prompt, variant'), legend: '{{prompt}} {{variant}}' },
        ]),
        timeseries('Time per output token p95', 'Streaming time per output token after the first', 's', [
          { expr: p95('gen_ai_client_operation_time_per_output_chunk_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Model call duration p95', 'Whole model call including retries and fallbacks', 's', [
          { expr: p95('gen_ai_client_operation_duration_seconds', AI_LABELS), legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Tokens per second', 'Input and output tokens by model', 'short', [
          { expr: rateBy('gen_ai_client_token_usage_sum', 'model, gen_ai_token_type'), legend: '{{model}} {{gen_ai_token_type}}' },
        ]),
        timeseries('Model calls by outcome', 'Calls per second by provider and error type (empty: success)', OPS, [
          { expr: rateBy('gen_ai_client_operation_duration_seconds_count', 'provider, error_type'), legend: '{{provider}} {{error_type}}' },
        ]),
        timeseries('Spend per hour', 'Estimated model spend (MODEL_PRICES) in USD per hour', 'currencyUSD', [
          { expr: `3600 * ${rateBy('ragline_gen_ai_cost_usd_total', AI_LABELS)}`, legend: '{{provider}} {{model}}' },
        ]),
        timeseries('Circuit breaker open', '1 while a provider circuit is open (calls skip it)', 'none', [
          { expr: 'max by (provider) (ragline_model_breaker_state{state="open"})', legend: '{{provider}}' },
        ]),
      ],
    },
    {
      title: 'Tools, caches and quotas',
      panels: [
        timeseries('Tool calls', 'Assistant tool calls by tool and outcome', OPS, [
          { expr: rateBy('ragline_tool_calls_total', 'tool, outcome'), legend: '{{tool}} {{outcome}}' },
        ]),
        timeseries('Tool duration p95', 'Execution time of validated tool calls', 's', [
          { expr: p95('ragline_tool_duration_seconds', 'tool'), legend: '{{tool}}' },
        ]),
        timeseries('Assistant cache hit ratios', 'Semantic answer cache and tool result cache', 'percentunit', [
          { expr: hitRatio('ragline_assistant_semantic_cache_total'), legend: 'semantic answers' },
          { expr: hitRatio('ragline_assistant_tool_cache_total'), legend: 'tool results' },
        ]),
        timeseries('Quota use and refusals', 'Highest share of an LLM quota used by a tenant; refusals per second', 'none', [
          { expr: 'max by (period, measure) (ragline_llm_quota_highest_use_ratio)', legend: 'use {{period}} {{measure}}' },
          { expr: rateBy('ragline_llm_quota_refusals_total', 'period, measure'), legend: 'refusals {{period}} {{measure}}' },
        ]),
      ],
    },
  ],
);

/** Every dashboard, by file name under ops/grafana/dashboards/. */
export const dashboards: Record<string, Dashboard> = {
  'gateway.json': gateway,
  'orders.json': orders,
  'knowledge.json': knowledge,
  'assistant.json': assistant,
};
