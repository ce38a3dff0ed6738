import { createFeatureExtractor, type FeatureOptions, type RerankFeatures } from './offline-reranker-features.js';
import type { RerankCandidate, Reranker, RerankOptions, RerankResult } from './reranker.js';

/** Linear weights on the features (see offline-reranker-features.ts); tuned on SciFact train (retrieval-eval/README.md). */
export interface RerankWeights {
  /** Weight of the first-stage prior (priorK + 1) / (priorK + rank): 1 for the first candidate, decaying like RRF. */
  prior: number;
  priorK: number;
  bm25: number;
  coverage: number;
  bigram: number;
  proximity: number;
  title: number;
}

/**
 * Tuned on SciFact train with the candidates' own document frequencies (no `statistics`): hybrid top 50
 * 0.6962 → 0.7110 nDCG@10. The prior keeps roughly half the say; ordered pairs and the title carry the rest.
 */
export const DEFAULT_RERANK_WEIGHTS: RerankWeights = {
  prior: 1,
  priorK: 5,
  bm25: 1,
  coverage: 0.2,
  bigram: 1,
  proximity: 0.2,
  title: 1,
};

/**
 * Tuned the same way with corpus statistics (the lexical embedder's): 0.7054. Corpus idf repeats what the first
 * stage already weighed, so these lean on the prior and coverage instead; used when `statistics` are given.
 */
export const CORPUS_STATISTICS_RERANK_WEIGHTS: RerankWeights = {
  prior: 0.3,
  priorK: 80,
  bm25: 0.25,
  coverage: 0.4,
  bigram: 0.2,
  proximity: 0.1,
  title: 0.1,
};

export interface OfflineRerankerOptions extends FeatureOptions {
  weights?: Partial<RerankWeights>;
}

/** The blended score of one candidate; exported so the tuning script can re-weight precomputed features. */
export function combineFeatures(f: RerankFeatures, w: RerankWeights): number {
  return (
    (w.prior * (w.priorK + 1)) / (w.priorK + f.rank) +
    w.bm25 * f.bm25 +
    w.coverage * f.coverage +
    w.bigram * f.bigram +
    w.proximity * f.proximity +
    w.title * f.title
  );
}

/**
 * The offline default reranker: no model, no network, deterministic. It re-scores each candidate with
 * evidence a bag-of-words first stage cannot see — query terms in order (bigrams), close together
 * (proximity), in the title, and how many distinct query terms are present — plus a BM25 recount on the
 * candidate itself, blended linearly with the first-stage rank so a confident first stage is kept.
 * Without `statistics` idf comes from the candidates themselves, which measured better on SciFact than corpus idf
 * (README.md in retrieval-eval); pass fitted `statistics` (e.g. the lexical embedder's CorpusStatistics) when
 * the candidate lists are too short for their own document frequencies to mean anything.
 */
export class OfflineReranker implements Reranker {
  readonly id = 'offline-lexical-v1';
  readonly weights: RerankWeights;
  private readonly extract: ReturnType<typeof createFeatureExtractor>;

  constructor(options: OfflineRerankerOptions = {}) {
    const { weights, ...featureOptions } = options;
    this.weights = { ...(options.statistics ? CORPUS_STATISTICS_RERANK_WEIGHTS : DEFAULT_RERANK_WEIGHTS), ...weights };
    this.extract = createFeatureExtractor(featureOptions);
  }

  /** The raw features, for inspection and tuning. */
  features(query: string, candidates: readonly RerankCandidate[]): RerankFeatures[] {
    return this.extract(query, candidates);
  }

  // async so an aborted signal surfaces as a rejected promise, like the network rerankers.
  async rerank(query: string, candidates: readonly RerankCandidate[], options: RerankOptions = {}): Promise<RerankResult[]> {
    options.signal?.throwIfAborted();
    const features = this.extract(query, candidates);
    const scored = candidates.map((c, i) => ({ id: c.id, score: combineFeatures(features[i]!, this.weights), rank: features[i]!.rank }));
    // Ties fall back to the first-stage order, so an uninformative query leaves the ranking as it was.
    scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
    return scored.map(({ id, score }) => ({ id, score }));
  }
}
