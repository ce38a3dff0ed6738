import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsAccessSettings {
  production: boolean;
  /** METRICS_TOKEN: when set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
}

/** 200 with the metrics, 401 (a token is configured and the request lacks it), or 404 (production without a token). */
export type MetricsAccess = { status: 200 } | { status: 401 | 404; headers: Record<string, string>; body: string };

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read `/metrics`: with METRICS_TOKEN, only a bearer of it (compared in constant time); without, anyone in
 * development and no one in production, where the route does not exist. Health routes are never gated.
 */
export function checkMetricsAccess(settings: MetricsAccessSettings, authorization: string | null | undefined): MetricsAccess {
  if (!settings.metricsToken) {
    return settings.production ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' } : { status: 200 };
  }
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  if (timingSafeEqual(digest(presented), digest(settings.metricsToken))) return { status: 200 };
  return {
    status: 401,
    headers: { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' },
    body: 'The metrics need Authorization: Bearer <METRICS_TOKEN>',
  };
}
