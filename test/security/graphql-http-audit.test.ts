import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { services, startProduction } from './production-mode-helpers.js';

/**
 * Warnings (SHOULD-level findings) each service is known to give, by audit ID; each is explained in docs/security.md
 * ("GraphQL over HTTP audit"). A new warning, or any error (a MUST), fails the test.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  gateway: ['572B', 'FDE2', '7B9B'],
  orders: [],
  knowledge: [],
  assistant: [],
  observability: [],
};

/** The two MUST audits that probe with `{ __type(...) }`: with introspection off they fail by design, and only they. */
const INTROSPECTION_PROBES = ['BF61', '28B9'];

/** Every service's findings of one status, as "ID name: reason". */
async function audit(supergraph: TestSupergraph): Promise<(status: AuditResult['status']) => Record<string, string[]>> {
  const findings: Record<string, AuditResult[]> = {};
  for (const [name, url] of services(supergraph)) {
    findings[name] = [];
    for (const check of serverAudits({ url })) findings[name].push(await check.fn());
  }
  return (status) =>
    Object.fromEntries(
      Object.entries(findings).map(([name, results]) => [
        name,
        results
          .filter((result) => result.status === status)
          .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`),
      ]),
    );
}

const ids = (summary: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(summary).map(([name, lines]) => [name, lines.map((line) => line.slice(0, 4))]));

describe('GraphQL over HTTP audit (graphql-http) of the production gateway and each subgraph', () => {
  describe('with GRAPHQL_INTROSPECTION=true (the audits probe with __type)', () => {
    let supergraph: TestSupergraph;
    beforeAll(async () => {
      supergraph = await startProduction({ GRAPHQL_INTROSPECTION: 'true' });
    });
    afterAll(() => supergraph?.close());

    it('finds no error and only the documented warnings', async () => {
      const summary = await audit(supergraph);
      expect(summary('error')).toEqual(Object.fromEntries(Object.keys(EXPECTED_WARNINGS).map((name) => [name, []])));
      expect(ids(summary('warn'))).toEqual(EXPECTED_WARNINGS);
    });
  });

  describe('hardened (introspection off)', () => {
    let supergraph: TestSupergraph;
    beforeAll(async () => {
      supergraph = await startProduction();
    });
    afterAll(() => supergraph?.close());

    it('fails only the audits whose probe is an introspection query', async () => {
      const errors = (await audit(supergraph))('error');
      for (const [name, lines] of Object.entries(errors)) {
        expect(lines.length, name).toBeGreaterThan(0);
        for (const line of lines) expect(INTROSPECTION_PROBES, line).toContain(line.slice(0, 4));
      }
    });
  });
});
