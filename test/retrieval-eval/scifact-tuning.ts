import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LexicalEmbedderOptions } from '../../subgraphs/knowledge/embeddings/lexical-embedder.js';
import { bm25Run, fuseRuns, lexicalVectorRun, scoreRun, type RetrievalMetrics, type Run } from './evaluator.js';
import type { RrfOptions } from './rank.js';
import { loadBeirDataset, type RetrievalDataset } from './scifact-loader.js';

/** The configuration chosen on SciFact train: the embedder's defaults (see README.md for the values tried). */
export const TUNED_LEXICAL: LexicalEmbedderOptions = {};
/** BM25 first, the lexical vector at half weight: the vector is a noisier view of the same terms. */
export const TUNED_RRF: RrfOptions = { k: 60, weights: [1, 0.5] };

/** One-at-a-time departures from the tuned configuration, run with `--sweep` (or replaced by a JSON `SWEEP` env var). */
export const ABLATIONS: [string, LexicalEmbedderOptions][] = [
  ['dims 768', { dimensions: 768 }],
  ['dims 1024', { dimensions: 1024 }],
  ['no char 4-grams', { charNgrams: 0 }],
  ['1 hash per feature', { hashesPerFeature: 1 }],
  ['+ bigrams (weight 0.3)', { bigrams: true }],
  ['title boost 1', { titleBoost: 1 }],
  ['idf 1 on both sides', { queryIdfExponent: 1, documentIdfExponent: 1 }],
  ['cosine document norm', { documentNorm: 'cosine' }],
  ['no stemming', { stem: false }],
  ['no stopwords', { stopwords: false }],
];
const RRF_ABLATIONS: RrfOptions[] = [TUNED_RRF, { k: 60 }, { k: 20, weights: [1, 0.5] }, { k: 100, weights: [1, 0.7] }];

const fmt = (m: RetrievalMetrics) => `${m.ndcg10.toFixed(4)}   ${m.recall100.toFixed(4)}   ${m.mrr10.toFixed(4)}`;

function row(label: string, m: RetrievalMetrics): string {
  return `${label.padEnd(56)} ${fmt(m)}`;
}

export interface TuningOptions {
  /** Also sweep embedder settings and RRF parameters (slower: one corpus embedding per setting). */
  sweep?: boolean;
  log?: (line: string) => void;
}

/** Prints nDCG@10 / Recall@100 / MRR@10 for BM25, lexical-vector and hybrid RRF; optionally sweeps settings. */
export function runScifactTuning(dataset: RetrievalDataset, options: TuningOptions = {}) {
  const log = options.log ?? console.log;
  log(`queries ${dataset.queries.length}, documents ${dataset.corpus.length}`);
  log(`${'mode'.padEnd(56)} nDCG@10  R@100    MRR@10`);
  let t = performance.now();
  const bm25 = bm25Run(dataset);
  const bm25Metrics = scoreRun(bm25, dataset);
  log(row('bm25 (k1 0.9, b 0.4, title + text)', bm25Metrics) + `   ${((performance.now() - t) / 1000).toFixed(1)}s`);
  const evalVector = (label: string, lexical: LexicalEmbedderOptions, rrfs: RrfOptions[] = [TUNED_RRF]) => {
    t = performance.now();
    const vector = lexicalVectorRun(dataset, lexical);
    const vm = scoreRun(vector, dataset);
    log(row(`lexical-vector ${label}`, vm) + `   ${((performance.now() - t) / 1000).toFixed(1)}s`);
    const hybrids: { rrf: RrfOptions; metrics: RetrievalMetrics; run: Run }[] = [];
    for (const rrf of rrfs) {
      const run = fuseRuns([bm25, vector], rrf);
      const metrics = scoreRun(run, dataset);
      hybrids.push({ rrf, metrics, run });
      log(row(`  hybrid rrf k=${rrf.k ?? 60} w=${(rrf.weights ?? [1, 1]).join('/')}`, metrics));
    }
    return { vector: vm, hybrids };
  };
  const best = evalVector('tuned (embedder defaults)', TUNED_LEXICAL, options.sweep ? RRF_ABLATIONS : [TUNED_RRF]);
  if (!options.sweep) return { bm25: bm25Metrics, lexicalVector: best.vector, hybrid: best.hybrids[0]!.metrics };
  const grid = process.env['SWEEP'] ? (JSON.parse(process.env['SWEEP']) as [string, LexicalEmbedderOptions][]) : ABLATIONS;
  const rrfGrid = process.env['RRF_SWEEP'] ? (JSON.parse(process.env['RRF_SWEEP']) as RrfOptions[]) : [TUNED_RRF];
  for (const [label, opts] of grid) evalVector(label, { ...TUNED_LEXICAL, ...opts }, rrfGrid);
  return { bm25: bm25Metrics, lexicalVector: best.vector, hybrid: best.hybrids[0]!.metrics };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = argValue('--dataset') ?? '../shared/datasets/scifact';
  const dataset = await loadBeirDataset(dir, 'train');
  runScifactTuning(dataset, { sweep: process.argv.includes('--sweep') });
}
