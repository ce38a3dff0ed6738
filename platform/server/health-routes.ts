import type { Plugin } from 'graphql-yoga';
import { renderMetrics } from '../metrics/metrics.js';

export interface HealthRoutesOptions {
  /** Throws (or rejects) when a dependency the service needs is unreachable. */
  checkReadiness: () => Promise<Record<string, 'ok'>>;
}

/**
 * `/healthz`: the process answers. `/readyz`: its database and event bus answer too (503 with the reason otherwise).
 * `/metrics`: Prometheus text format.
 */
export function useHealthRoutes(options: HealthRoutesOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === '/metrics') {
        const metrics = await renderMetrics();
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
