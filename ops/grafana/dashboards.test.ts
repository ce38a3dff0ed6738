import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { describe, expect, it } from 'vitest';
import { dashboards } from './dashboards.js';
import { DASHBOARD_DIR, dashboardJson } from './generate-dashboards.js';
import { panelQueries } from './panel-queries.js';

describe('Grafana dashboards', () => {
  it.each(Object.keys(dashboards))('the checked-in %s is what the code generates (run npm run dashboards)', async (name) => {
    expect(await readFile(join(DASHBOARD_DIR, name), 'utf8')).toBe(dashboardJson(name));
  });

  it('every panel has a title, a description and at least one PromQL query; uids are unique', () => {
    const uids = Object.values(dashboards).map((dashboard) => dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const dashboard of Object.values(dashboards)) {
      const panels = (dashboard.panels ?? []).filter((panel): panel is Panel => panel.type !== 'row');
      expect(panels.length).toBeGreaterThan(0);
      for (const panel of panels) {
        expect(panel.title, dashboard.title).toBeTruthy();
        expect(panel.description, panel.title).toBeTruthy();
      }
      expect(panelQueries(dashboard).length).toBeGreaterThanOrEqual(panels.length);
    }
  });
});
