import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasBinary, mustRun, promtool } from './promtool.js';

const DIR = 'ops/prometheus';

interface Rule {
  alert?: string;
  record?: string;
  annotations?: Record<string, string>;
}

const rules = parse(await readFile(`${DIR}/rules.yml`, 'utf8')) as { groups: { rules: Rule[] }[] };
const alerts = rules.groups.flatMap((group) => group.rules).filter((rule) => rule.alert);
const available = await hasBinary('promtool');

describe('Prometheus rules', () => {
  it('promtool is installed wherever these tests must run (CI)', () => {
    if (mustRun) expect(available).toBe(true);
  });

  it.skipIf(!available)('promtool check rules accepts them', async () => {
    expect(await promtool(['check', 'rules', 'rules.yml'], DIR)).toContain('SUCCESS');
  });

  it.skipIf(!available)('promtool test rules passes: each alert fires on its bad series and not on its good one', async () => {
    expect(await promtool(['test', 'rules', 'rules.test.yml'], DIR)).toContain('SUCCESS');
  });

  it.skipIf(!available)('promtool check config accepts the example scrape configuration', async () => {
    expect(await promtool(['check', 'config', '--syntax-only', 'prometheus.example.yml'], DIR)).toContain('SUCCESS');
  });

  it('every alert has a unit test and a runbook section in docs/operations.md', async () => {
    const tests = await readFile(`${DIR}/rules.test.yml`, 'utf8');
    const operations = await readFile('docs/operations.md', 'utf8');
    const anchors = new Set(
      [...operations.matchAll(/^#+\s+(.+)$/gm)].map((match) =>
        match[1]!
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(tests, alert.alert).toContain(`alertname: ${alert.alert}`);
      const runbook = alert.annotations?.runbook_url ?? '';
      expect(runbook, alert.alert).toMatch(/^docs\/operations\.md#/);
      expect(anchors, `${alert.alert}: ${runbook}`).toContain(runbook.split('#')[1]);
    }
  });
});
