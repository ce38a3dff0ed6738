import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  RowBuilder,
  type Dashboard,
  type Panel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';

/** Every panel reads the dashboard's `datasource` variable, so one JSON file works against any Prometheus in Grafana. */
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** The range of rate() and histogram windows: Grafana's own, at least four scrape intervals. */
export const RATE = '$__rate_interval';

export interface Query {
  expr: string;
  legend: string;
}

/**
 * The histograms whose buckets carry trace IDs (`tracedHistogram` in platform/metrics/metrics.ts): their panels ask
 * Grafana for exemplars, so a slow point links to the trace of a request that made it.
 */
const HISTOGRAMS_WITH_EXEMPLARS = [
  'ragline_graphql_operation_duration_seconds_bucket',
  'ragline_gateway_subgraph_fetch_duration_seconds_bucket',
  'gen_ai_client_operation_duration_seconds_bucket',
  'gen_ai_client_operation_time_to_first_chunk_seconds_bucket',
];

const query = ({ expr, legend }: Query, index: number) => {
  const builder = new DataqueryBuilder()
    .expr(expr)
    .legendFormat(legend)
    .refId(String.fromCharCode(65 + index));
  return HISTOGRAMS_WITH_EXEMPLARS.some((metric) => expr.includes(metric)) ? builder.exemplar(true) : builder;
};

/** A time series panel of one or more PromQL queries. Width is in Grafana's 24-column grid. */
export function timeseries(title: string, description: string, unit: string, queries: Query[], width = 12): Builder<Panel> {
  const panel = new TimeseriesPanelBuilder().title(title).description(description).unit(unit).datasource(DATASOURCE).span(width).height(8);
  queries.forEach((q, index) => panel.withTarget(query(q, index)));
  return panel;
}

/** A single-value panel (the last value of its query). */
export function stat(title: string, description: string, unit: string, q: Query, width = 6): Builder<Panel> {
  return new StatPanelBuilder()
    .title(title)
    .description(description)
    .unit(unit)
    .datasource(DATASOURCE)
    .span(width)
    .height(5)
    .withTarget(query(q, 0));
}

/** p95 of a Prometheus histogram, by the given labels. */
export function p95(metric: string, by: string, filter = ''): string {
  return `histogram_quantile(0.95, sum by (le, ${by}) (rate(${metric}_bucket${filter}[${RATE}])))`;
}

/** Per-second rate of a counter, by the given labels. */
export function rateBy(metric: string, by: string, filter = ''): string {
  return `sum by (${by}) (rate(${metric}${filter}[${RATE}]))`;
}

/** hits / (hits + misses) of a counter with a `result` label, by the given labels (`1` for a single ratio). */
export function hitRatio(metric: string, by?: string): string {
  const group = by ? ` by (${by})` : '';
  return `sum${group} (rate(${metric}{result="hit"}[${RATE}])) / sum${group} (rate(${metric}[${RATE}]))`;
}

export interface Section {
  title: string;
  panels: Builder<Panel>[];
}

/** A dashboard of titled rows, tagged `ragline`, on the Prometheus data source its `datasource` variable names. */
export function dashboard(uid: string, title: string, description: string, sections: Section[]): Dashboard {
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

/** Operations (or events) per second. */
export const OPS = 'ops';
