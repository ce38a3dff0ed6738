import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRetrieval } from './evaluator.js';
import { loadBeirDataset } from './scifact-loader.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tinyBeir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'beir-'));
  dirs.push(dir);
  await mkdir(join(dir, 'qrels'));
  const corpus = [
    { _id: '10', title: 'Telomerase in stem cells', text: 'Telomerase activity keeps stem cells dividing.', metadata: {} },
    { _id: '20', title: 'Vitamin D', text: 'Vitamin D supplementation and bone density in the elderly.', metadata: {} },
    { _id: '30', title: 'Aspirin', text: 'Low-dose aspirin reduces the risk of heart attack.', metadata: {} },
  ];
  await writeFile(join(dir, 'corpus.jsonl'), corpus.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const queries = [
    { _id: '1', text: 'Stem cells need telomerase.', metadata: {} },
    { _id: '2', text: 'Aspirin prevents heart attacks.', metadata: {} },
    { _id: '3', text: 'A query without judgments.', metadata: {} },
  ];
  await writeFile(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
  await writeFile(join(dir, 'qrels', 'train.tsv'), 'query-id\tcorpus-id\tscore\n1\t10\t1\n2\t30\t1\n');
  return dir;
}

describe('BEIR loader and evaluator', () => {
  it('reads corpus, judged queries and qrels (skipping the header)', async () => {
    const data = await loadBeirDataset(await tinyBeir());
    expect(data.corpus).toHaveLength(3);
    expect(data.corpus[0]).toEqual({ id: '10', title: 'Telomerase in stem cells', text: 'Telomerase activity keeps stem cells dividing.' });
    expect(data.queries.map((q) => q.id)).toEqual(['1', '2']);
    expect(data.qrels.get('1')).toEqual(new Map([['10', 1]]));
    expect(data.qrels.has('query-id')).toBe(false);
  });

  it('evaluates BM25, lexical vectors and hybrid on a toy set', async () => {
    const data = await loadBeirDataset(await tinyBeir());
    const result = evaluateRetrieval(data, { lexical: { dimensions: 256 } });
    for (const mode of [result.bm25, result.lexicalVector, result.hybrid]) {
      expect(mode.ndcg10).toBeCloseTo(1, 6);
      expect(mode.recall100).toBe(1);
      expect(mode.mrr10).toBe(1);
    }
  });
});
