import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { services, startProduction } from './production-mode-helpers.js';

/**
 * Warnings (SHOULD-level findings) each service is known to give, by audit ID; each is explained in docs/security.md
 * ("GraphQL over HTTP audit"). A new warning, or any error (a MUST), fails the test.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  gateway: [],
  orders: [],
  knowledge: [],
  assistant: [],
  observability: [],
};

describe('GraphQL over HTTP audit (graphql-http) of the production gateway and each subgraph', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startProduction();
  });
  afterAll(() => supergraph?.close());

  it('finds no error and only the documented warnings', async () => {
    const findings: Record<string, AuditResult[]> = {};
    for (const [name, url] of services(supergraph)) {
      const results: AuditResult[] = [];
      for (const audit of serverAudits({ url })) results.push(await audit.fn());
      findings[name] = results.filter((result) => result.status !== 'ok');
    }
    const summary = (status: string) =>
      Object.fromEntries(
        Object.entries(findings).map(([name, results]) => [
          name,
          results.filter((result) => result.status === status).map((result) => `${result.id} ${result.name}`),
        ]),
      );
    expect(summary('error')).toEqual(Object.fromEntries(Object.keys(EXPECTED_WARNINGS).map((name) => [name, []])));
    expect(Object.fromEntries(Object.entries(summary('warn')).map(([name, list]) => [name, list.map((line) => line.slice(0, 4))]))).toEqual(
      EXPECTED_WARNINGS,
    );
  });
});
