import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { assistantDashboard } from './assistant-dashboard.js';
import { gatewayDashboard } from './gateway-dashboard.js';
import { knowledgeDashboard } from './knowledge-dashboard.js';
import { ordersDashboard } from './orders-dashboard.js';

/** Every dashboard, by file name under ops/grafana/dashboards/ (`npm run dashboards` writes them). */
export const dashboards: Record<string, Dashboard> = {
  'gateway.json': gatewayDashboard,
  'orders.json': ordersDashboard,
  'knowledge.json': knowledgeDashboard,
  'assistant.json': assistantDashboard,
};
