import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

const REPORT = 'docs/benchmarks.md';

export type Row = Record<string, string | number>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function markdownTable(rows: Row[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((row) => line(columns.map((column) => row[column] ?? '')))].join('\n');
}

/** Prints the table and replaces this benchmark's section of docs/benchmarks.md (other sections are kept). */
export async function publishReport(name: string, intro: string, rows: Row[]): Promise<void> {
  // No rows: the intro is the whole section (its tables already in it).
  const table = rows.length > 0 ? markdownTable(rows) : '';
  console.log(`\n${rows.length > 0 ? table : intro}\n`);
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const section = `## ${name}\n\n${intro}\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.\n\n${table}\n`;
  const current = existsSync(REPORT)
    ? await readFile(REPORT, 'utf8')
    : '# Benchmarks\n\nWritten by the `npm run bench:*` scripts; each run replaces its own section.\n';
  const pattern = new RegExp(`## ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = pattern.test(current) ? current.replace(pattern, section.trimEnd()) : `${current.trimEnd()}\n\n${section}`;
  await writeFile(REPORT, `${next.trimEnd()}\n`);
}
