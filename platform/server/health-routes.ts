import type { Plugin } from 'graphql-yoga';
import { checkMetricsAccess, type MetricsAccessSettings } from '../metrics/metrics-access.js';
import { renderMetrics } from '../metrics/metrics.js';

export interface HealthRoutesOptions {
  /** Throws (or rejects) when a dependency the service needs is unreachable. */
  checkReadiness: () => Promise<Record<string, 'ok'>>;
  /** Who may read /metrics (METRICS_TOKEN, production mode). */
  metrics: MetricsAccessSettings;
}

/**
 * `/healthz`: the process answers. `/readyz`: its database and event bus answer too (503 with the reason otherwise).
 * `/metrics`: Prometheus text format, behind METRICS_TOKEN when set (and only then in production).
 */
export function useHealthRoutes(options: HealthRoutesOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === '/metrics') {
        const access = checkMetricsAccess(options.metrics, request.headers.get('authorization'));
        if (access.status !== 200) {
          endResponse(new fetchAPI.Response(access.body, { status: access.status, headers: access.headers }));
          return;
        }
        const metrics = await renderMetrics(request.headers.get('accept'));
        endResponse(new fetchAPI.Response(metrics.body, { headers: { 'content-type': metrics.contentType } }));
      } else if (url.pathname === '/readyz') {
        try {
          endResponse(fetchAPI.Response.json({ status: 'ready', checks: await options.checkReadiness() }));
        } catch (error) {
          endResponse(fetchAPI.Response.json({ status: 'unavailable', error: (error as Error).message }, { status: 503 }));
        }
      }
    },
  };
}
