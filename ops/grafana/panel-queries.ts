import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
}

/** Every PromQL expression of a dashboard's panels (rows hold no queries), as Grafana would send it. */
export function panelQueries(dashboard: Dashboard): PanelQuery[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    'targets' in panel
      ? (panel.targets ?? []).map((target) => ({
          dashboard: dashboard.uid ?? dashboard.title ?? '',
          panel: panel.title ?? '',
          refId: String((target as { refId?: unknown }).refId ?? ''),
          expr: String((target as { expr?: unknown }).expr ?? ''),
        }))
      : [],
  );
}

/** An expression with Grafana's own variables filled in, for Prometheus's HTTP API. */
export function forPrometheus(expr: string, rateInterval: string): string {
  return expr.replaceAll('$__rate_interval', rateInterval);
}
