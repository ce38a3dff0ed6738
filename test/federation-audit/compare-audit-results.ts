import { readFile } from 'node:fs/promises';
import { compareAuditResults, parseAuditResults } from './audit-results.js';

/** The floor of issue 22: what stock @apollo/gateway passes; RAGline's gateway must never pass fewer. */
const MINIMUM_PASSED = 193;

const [expectedPath, actualPath] = process.argv.slice(2);
if (!expectedPath || !actualPath) {
  console.error('usage: compare-audit-results EXPECTED_RESULTS ACTUAL_RESULTS');
  process.exit(64);
}
const comparison = compareAuditResults(
  parseAuditResults(await readFile(expectedPath, 'utf8')),
  parseAuditResults(await readFile(actualPath, 'utf8')),
);
console.log(`federation audit: ${comparison.passed} of ${comparison.total} cases passed (floor ${MINIMUM_PASSED})`);
if (comparison.failing.length > 0) console.log(`failing: ${comparison.failing.join(', ')}`);
if (comparison.fixes.length > 0) console.log(`newly passing (update ${expectedPath}): ${comparison.fixes.join(', ')}`);
if (comparison.regressions.length > 0) console.error(`REGRESSIONS (passed before, fail now): ${comparison.regressions.join(', ')}`);
process.exit(comparison.regressions.length > 0 || comparison.passed < MINIMUM_PASSED ? 1 : 0);
