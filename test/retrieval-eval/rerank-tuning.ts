import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createFeatureExtractor,
  type FeatureOptions,
  type RerankFeatures,
} from '../../subgraphs/knowledge/rerank/offline-reranker-features.js';
import {
  combineFeatures,
  CORPUS_STATISTICS_RERANK_WEIGHTS,
  DEFAULT_RERANK_WEIGHTS,
  OfflineReranker,
  type RerankWeights,
} from '../../subgraphs/knowledge/rerank/offline-reranker.js';
import { scoreRun, type RetrievalMetrics } from './evaluator.js';
import { evaluateReranker, hybridStage, RERANK_DEPTH, rerankRun, type HybridStage } from './rerank-eval.js';
import { loadBeirDataset, type RetrievalDataset } from './scifact-loader.js';

const fmt = (m: RetrievalMetrics) => `${m.ndcg10.toFixed(4)}   ${m.recall100.toFixed(4)}   ${m.mrr10.toFixed(4)}`;

/** Features of every query's top 50, computed once so weight sweeps only re-sort. */
type FeatureTable = Map<string, { ids: string[]; features: RerankFeatures[] }>;

function featureTable(dataset: RetrievalDataset, stage: HybridStage, options: FeatureOptions): FeatureTable {
  const extract = createFeatureExtractor(options);
  const text = new Map(dataset.queries.map((q) => [q.id, q.text]));
  const table: FeatureTable = new Map();
  for (const [queryId, ranked] of stage.hybrid) {
    const top = ranked.slice(0, RERANK_DEPTH);
    const candidates = top.map((s) => ({ ...stage.documents.get(s.id)!, score: s.score }));
    table.set(queryId, { ids: top.map((s) => s.id), features: extract(text.get(queryId)!, candidates) });
  }
  return table;
}

function scoreWeights(dataset: RetrievalDataset, stage: HybridStage, table: FeatureTable, w: RerankWeights): RetrievalMetrics {
  const run = rerankRun(stage.hybrid, RERANK_DEPTH, (queryId) => {
    const { ids, features } = table.get(queryId)!;
    return ids
      .map((id, i) => ({ id, s: combineFeatures(features[i]!, w), r: features[i]!.rank }))
      .sort((a, b) => b.s - a.s || a.r - b.r)
      .map((x) => x.id);
  });
  return scoreRun(run, dataset);
}

/** Coordinate ascent on nDCG@10: each weight in turn over a small grid, a few passes, keeping improvements only. */
function coordinateAscent(score: (w: RerankWeights) => number, start: RerankWeights, log: (l: string) => void): RerankWeights {
  const grids: Record<keyof RerankWeights, number[]> = {
    prior: [0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5],
    priorK: [1, 3, 5, 10, 20, 40, 80],
    bm25: [0, 0.1, 0.25, 0.5, 0.75, 1, 1.5],
    coverage: [0, 0.1, 0.2, 0.4, 0.6, 1],
    bigram: [0, 0.1, 0.2, 0.3, 0.5, 0.75, 1],
    proximity: [0, 0.05, 0.1, 0.2, 0.4, 0.8],
    title: [0, 0.1, 0.2, 0.3, 0.5, 0.75, 1],
  };
  let best = { ...start };
  let bestScore = score(best);
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (const key of Object.keys(grids) as (keyof RerankWeights)[]) {
      for (const v of grids[key]) {
        const trial = { ...best, [key]: v };
        const s = score(trial);
        if (s > bestScore + 1e-6) {
          best = trial;
          bestScore = s;
          improved = true;
        }
      }
    }
    log(`  pass ${pass + 1}: ${bestScore.toFixed(4)} ${JSON.stringify(best)}`);
    if (!improved) break;
  }
  return best;
}

export async function runRerankTuning(dataset: RetrievalDataset, options: { sweep?: boolean; log?: (l: string) => void } = {}) {
  const log = options.log ?? console.log;
  let t = performance.now();
  const stage = hybridStage(dataset);
  log(`hybrid first stage built in ${((performance.now() - t) / 1000).toFixed(1)}s`);
  log(`${'run'.padEnd(60)} nDCG@10  R@100    MRR@10`);
  const result = await evaluateReranker(dataset, stage, new OfflineReranker());
  log(`${'hybrid RRF (top 50 handed to the reranker)'.padEnd(60)} ${fmt(result.before)}`);
  log(
    `${'+ offline reranker (defaults: candidate statistics)'.padEnd(60)} ${fmt(result.after)}   ${result.msPerQuery.toFixed(2)} ms/query`,
  );
  const corpus = await evaluateReranker(dataset, stage, new OfflineReranker({ statistics: stage.statistics }));
  log(`${'+ offline reranker (corpus statistics)'.padEnd(60)} ${fmt(corpus.after)}   ${corpus.msPerQuery.toFixed(2)} ms/query`);
  if (!options.sweep) return result;
  const variants: [string, FeatureOptions][] = process.env['FEATURE_SWEEP']
    ? (JSON.parse(process.env['FEATURE_SWEEP']) as [string, FeatureOptions][])
    : [
        ['corpus stats', { statistics: stage.statistics }],
        ['candidate-only stats', {}],
      ];
  for (const [label, opts] of variants) {
    t = performance.now();
    const table = featureTable(dataset, stage, { ...opts, ...(label.startsWith('corpus') ? { statistics: stage.statistics } : {}) });
    log(`${label}: features in ${((performance.now() - t) / 1000).toFixed(1)}s`);
    const start: RerankWeights = { ...(label.startsWith('corpus') ? CORPUS_STATISTICS_RERANK_WEIGHTS : DEFAULT_RERANK_WEIGHTS) };
    log(`  defaults ${fmt(scoreWeights(dataset, stage, table, start))}`);
    const best = coordinateAscent((w) => scoreWeights(dataset, stage, table, w).ndcg10, start, log);
    log(`  best     ${fmt(scoreWeights(dataset, stage, table, best))}`);
    if (process.env['QUICK']) continue;
    // Over-fitting check: tune on the odd-numbered train queries, score the even ones, and the other way round.
    const halves = [0, 1].map((r) => ({ ...dataset, queries: dataset.queries.filter((_, i) => i % 2 === r) }));
    for (const [a, b] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const w = coordinateAscent(
        (x) => scoreWeights(halves[a]!, stage, table, x).ndcg10,
        start,
        () => {},
      );
      log(
        `  2-fold: tuned on half ${a} → half ${b}: ${scoreWeights(halves[b]!, stage, table, w).ndcg10.toFixed(4)} (before ${scoreRun(stage.hybrid, halves[b]!).ndcg10.toFixed(4)}, full-tuned ${scoreWeights(halves[b]!, stage, table, best).ndcg10.toFixed(4)})`,
      );
    }
    // Ablations: drop one feature at a time from the best weights.
    for (const key of ['prior', 'bm25', 'coverage', 'bigram', 'proximity', 'title'] as const) {
      log(`  without ${key.padEnd(10)} ${fmt(scoreWeights(dataset, stage, table, { ...best, [key]: 0 }))}`);
    }
  }
  return result;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dataset = await loadBeirDataset(argValue('--dataset') ?? '../shared/datasets/scifact', 'train');
  await runRerankTuning(dataset, { sweep: process.argv.includes('--sweep') });
}
