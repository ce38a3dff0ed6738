import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboards } from './dashboards.js';

/** Relative to the repository root (npm scripts and tests run there). */
export const DASHBOARD_DIR = 'ops/grafana/dashboards';

/** The checked-in file for a dashboard: its JSON model, two-space indented, with a final newline. */
export function dashboardJson(name: keyof typeof dashboards): string {
  return `${JSON.stringify(dashboards[name], null, 2)}\n`;
}

/** `npm run dashboards`: writes every dashboard into ops/grafana/dashboards/ (a test fails while they are stale). */
async function main(): Promise<void> {
  const dir = join(process.cwd(), DASHBOARD_DIR);
  await mkdir(dir, { recursive: true });
  for (const name of Object.keys(dashboards)) {
    await writeFile(join(dir, name), dashboardJson(name));
    console.log(`wrote ops/grafana/dashboards/${name}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
