import { describe, expect, it } from 'vitest';
import { compareAuditResults, parseAuditResults } from './audit-results.js';

const expected = parseAuditResults(['typename', '..X', 'mutations', '..', '', '---', 'Total: 5', 'Passed: 4', 'Failed: 1'].join('\n'));

describe('federation audit results', () => {
  it('reads one outcome string per suite and stops at the totals', () => {
    expect([...expected]).toEqual([
      ['typename', '..X'],
      ['mutations', '..'],
    ]);
  });

  it('names a case that passed before and fails now as a regression, and a newly passing one as a fix', () => {
    const actual = parseAuditResults('typename\n.X.\nmutations\n..\n');
    const comparison = compareAuditResults(expected, actual);
    expect(comparison).toMatchObject({ passed: 4, total: 5, regressions: ['typename #2'], fixes: ['typename #3'] });
  });

  it('counts a suite missing from the new run as regressions of every case it passed', () => {
    const comparison = compareAuditResults(expected, parseAuditResults('typename\n..X\n'));
    expect(comparison.regressions).toEqual(['mutations #1', 'mutations #2']);
  });

  it('the committed results are RAGline gateway’s measured ones: at least the stock gateway’s 193 of 199', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = parseAuditResults(await readFile(new URL('./expected-results.txt', import.meta.url), 'utf8'));
    const comparison = compareAuditResults(committed, committed);
    expect(comparison.total).toBe(199);
    expect(comparison.passed).toBeGreaterThanOrEqual(193);
  });
});
