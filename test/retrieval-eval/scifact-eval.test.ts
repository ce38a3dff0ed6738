import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBeirDataset } from './scifact-loader.js';
import { runScifactTuning } from './scifact-tuning.js';

/** SciFact (train split) lives outside the repository; set SCIFACT_DIR or keep it at ../shared/datasets/scifact. */
const dir = process.env['SCIFACT_DIR'] ?? fileURLToPath(new URL('../../../shared/datasets/scifact', import.meta.url));
const available = existsSync(`${dir}/corpus.jsonl`) && existsSync(`${dir}/qrels/train.tsv`);

describe.skipIf(!available)('SciFact train evaluation', () => {
  it('reproduces the tuned numbers', { timeout: 180_000 }, async () => {
    const dataset = await loadBeirDataset(dir, 'train');
    const lines: string[] = [];
    const result = runScifactTuning(dataset, { log: (line) => lines.push(line) });
    console.log(lines.join('\n'));
    expect(dataset.queries).toHaveLength(809);
    expect(result.bm25.ndcg10).toBeGreaterThan(0.68);
    expect(result.lexicalVector.ndcg10).toBeGreaterThan(0.66);
    expect(result.hybrid.ndcg10).toBeGreaterThan(0.69);
  });
});
