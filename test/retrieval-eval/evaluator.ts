import { LexicalEmbedder, type LexicalEmbedderOptions } from '../../subgraphs/knowledge/embeddings/lexical-embedder.js';
import { Bm25Index, type Bm25Options } from './bm25-index.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import { mrrAt, ndcgAt, recallAt } from './metrics.js';
import { reciprocalRankFusion, type RrfOptions, type ScoredId } from './rank.js';
import type { RetrievalDataset } from './scifact-loader.js';

export interface RetrievalMetrics {
  ndcg10: number;
  recall100: number;
  mrr10: number;
}

/** query id → ranked document ids (best first). */
export type Run = Map<string, ScoredId[]>;

const ndcg10 = ndcgAt(10);
const recall100 = recallAt(100);
const mrr10 = mrrAt(10);

/** Mean nDCG@10, Recall@100 and MRR@10 of a run over the judged queries. */
export function scoreRun(run: Run, dataset: RetrievalDataset): RetrievalMetrics {
  const sum = { ndcg10: 0, recall100: 0, mrr10: 0 };
  for (const q of dataset.queries) {
    const judgments = dataset.qrels.get(q.id) ?? new Map<string, number>();
    const ranking = (run.get(q.id) ?? []).map((s) => s.id);
    sum.ndcg10 += ndcg10(ranking, judgments);
    sum.recall100 += recall100(ranking, judgments);
    sum.mrr10 += mrr10(ranking, judgments);
  }
  const n = Math.max(1, dataset.queries.length);
  return { ndcg10: sum.ndcg10 / n, recall100: sum.recall100 / n, mrr10: sum.mrr10 / n };
}

/** How far down each run is kept (and fused). */
export const RUN_DEPTH = 1000;

export function bm25Run(dataset: RetrievalDataset, options: Bm25Options = {}): Run {
  const index = new Bm25Index(
    dataset.corpus.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` })),
    options,
  );
  return new Map(dataset.queries.map((q) => [q.id, index.search(q.text, RUN_DEPTH)]));
}

/** Fits corpus statistics on the corpus, embeds it and the queries, and ranks by its exact similarity. */
export function lexicalVectorRun(dataset: RetrievalDataset, options: LexicalEmbedderOptions = {}): Run {
  const embedder = LexicalEmbedder.fit(dataset.corpus, options);
  const docVectors = dataset.corpus.map((d) => embedder.embedDocumentSync(d));
  const index = new ExactVectorIndex(
    dataset.corpus.map((d) => d.id),
    docVectors,
    embedder.dimensions,
    embedder.similarity,
  );
  return new Map(dataset.queries.map((q) => [q.id, index.search(embedder.embedSync(q.text, 'query'), RUN_DEPTH)]));
}

export function fuseRuns(runs: readonly Run[], options: RrfOptions = {}): Run {
  const fused: Run = new Map();
  for (const queryId of runs[0]?.keys() ?? []) {
    fused.set(
      queryId,
      reciprocalRankFusion(
        runs.map((r) => r.get(queryId) ?? []),
        options,
      ).slice(0, RUN_DEPTH),
    );
  }
  return fused;
}

export interface EvaluationConfig {
  bm25?: Bm25Options;
  lexical?: LexicalEmbedderOptions;
  rrf?: RrfOptions;
}

export interface EvaluationResult {
  bm25: RetrievalMetrics;
  lexicalVector: RetrievalMetrics;
  hybrid: RetrievalMetrics;
  seconds: number;
}

/** BM25, lexical-vector and their RRF fusion, evaluated in memory. */
export function evaluateRetrieval(dataset: RetrievalDataset, config: EvaluationConfig = {}): EvaluationResult {
  const started = performance.now();
  const bm25 = bm25Run(dataset, config.bm25);
  const vector = lexicalVectorRun(dataset, config.lexical);
  const hybrid = fuseRuns([bm25, vector], config.rrf);
  return {
    bm25: scoreRun(bm25, dataset),
    lexicalVector: scoreRun(vector, dataset),
    hybrid: scoreRun(hybrid, dataset),
    seconds: (performance.now() - started) / 1000,
  };
}
