import { existsSync, readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Worker threads started from TypeScript source under the test runner (the ingestion preparer, the PGlite thread) are
 * loaded by Node itself, which only strips types: a parameter property or an enum anywhere in their import graph fails
 * those workers at run time, in tests only, far from the line that caused it. This walks each graph and asks Node.
 */
const WORKER_ENTRY_POINTS = ['subgraphs/knowledge/ingestion/preparation-worker.ts', 'db/pglite-thread.ts'];

const RELATIVE_IMPORT = /(?:^|\n)\s*(import|export)(\s+type)?\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      if (match[2]) continue; // `import type` is erased
      const specifier = match[3] ?? match[4]!;
      pending.push(path.normalize(path.join(path.dirname(file), specifier)).replace(/\.js$/, '.ts'));
    }
  }
  return [...seen].sort();
}

describe('sources loaded by worker threads under the test runner', () => {
  it('are found by following relative imports (the preparer reaches the embedder it runs)', () => {
    expect(importGraph(WORKER_ENTRY_POINTS[0]!)).toContain('subgraphs/knowledge/embeddings/lexical-embedder.ts');
  });

  for (const entry of WORKER_ENTRY_POINTS) {
    it(`${entry} and everything it imports use only erasable TypeScript`, () => {
      const files = importGraph(entry);
      expect(files).toContain(entry);
      const refused = files.filter((file) => {
        try {
          stripTypeScriptTypes(readFileSync(file, 'utf8'));
          return false;
        } catch {
          return true;
        }
      });
      expect(refused).toEqual([]);
    });
  }
});
