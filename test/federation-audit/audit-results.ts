/** The audit's results.txt: a suite id line, then one character per case ("." passed, "X" failed), then totals. */
export type AuditResults = Map<string, string>;

export function parseAuditResults(text: string): AuditResults {
  const lines = text.split('\n');
  const end = lines.indexOf('---');
  const body = (end === -1 ? lines : lines.slice(0, end)).map((line) => line.trim());
  const results: AuditResults = new Map();
  for (let index = 0; index + 1 < body.length; index += 2) {
    if (body[index] === '') break;
    results.set(body[index]!, body[index + 1]!);
  }
  return results;
}

export interface AuditComparison {
  passed: number;
  total: number;
  /** `suite #case` that passed in the expected results and fail (or are missing) now. */
  regressions: string[];
  /** `suite #case` that failed in the expected results and pass now. */
  fixes: string[];
  failing: string[];
}

export function compareAuditResults(expected: AuditResults, actual: AuditResults): AuditComparison {
  const comparison: AuditComparison = { passed: 0, total: 0, regressions: [], fixes: [], failing: [] };
  for (const [suite, cases] of actual) {
    [...cases].forEach((outcome, index) => {
      comparison.total++;
      if (outcome === '.') comparison.passed++;
      else comparison.failing.push(`${suite} #${index + 1}`);
      if (outcome === '.' && expected.get(suite)?.[index] === 'X') comparison.fixes.push(`${suite} #${index + 1}`);
    });
  }
  for (const [suite, cases] of expected) {
    [...cases].forEach((outcome, index) => {
      if (outcome === '.' && actual.get(suite)?.[index] !== '.') comparison.regressions.push(`${suite} #${index + 1}`);
    });
  }
  return comparison;
}
