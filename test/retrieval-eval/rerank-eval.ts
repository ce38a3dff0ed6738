import type { CorpusStatistics } from '../../subgraphs/knowledge/embeddings/corpus-statistics.js';
import { LexicalEmbedder } from '../../subgraphs/knowledge/embeddings/lexical-embedder.js';
import type { Reranker } from '../../subgraphs/knowledge/rerank/reranker.js';
import { bm25Run, fuseRuns, RUN_DEPTH, scoreRun, type RetrievalMetrics, type Run } from './evaluator.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import type { ScoredId } from './rank.js';
import type { CorpusDocument, RetrievalDataset } from './scifact-loader.js';
import { TUNED_LEXICAL, TUNED_RRF } from './scifact-tuning.js';

/** How many hybrid candidates production hands to the reranker. */
export const RERANK_DEPTH = 50;

/** The production first stage in memory: BM25 + lexical-vector cosine, fused with the tuned RRF. */
export interface HybridStage {
  hybrid: Run;
  /** The embedder's fitted statistics: what production would pass to the reranker. */
  statistics: CorpusStatistics;
  documents: Map<string, CorpusDocument>;
}

export function hybridStage(dataset: RetrievalDataset): HybridStage {
  const bm25 = bm25Run(dataset);
  const embedder = LexicalEmbedder.fit(dataset.corpus, TUNED_LEXICAL);
  const index = new ExactVectorIndex(
    dataset.corpus.map((d) => d.id),
    dataset.corpus.map((d) => embedder.embedDocumentSync(d)),
    embedder.dimensions,
    embedder.similarity,
  );
  const vector: Run = new Map(dataset.queries.map((q) => [q.id, index.search(embedder.embedSync(q.text, 'query'), RUN_DEPTH)]));
  return {
    hybrid: fuseRuns([bm25, vector], TUNED_RRF),
    statistics: embedder.statistics!,
    documents: new Map(dataset.corpus.map((d) => [d.id, d])),
  };
}

/** Reorders the top `depth` of every query with `order` and keeps the rest below them (so Recall@100 stays comparable). */
export function rerankRun(run: Run, depth: number, order: (queryId: string, top: ScoredId[]) => string[]): Run {
  const out: Run = new Map();
  for (const [queryId, ranked] of run) {
    const top = ranked.slice(0, depth);
    const reordered = order(queryId, top);
    const n = reordered.length + ranked.length;
    // Synthetic descending scores: only the order matters to the metrics.
    out.set(
      queryId,
      [...reordered, ...ranked.slice(depth).map((s) => s.id)].map((id, i) => ({ id, score: n - i })),
    );
  }
  return out;
}

export interface RerankEvaluation {
  before: RetrievalMetrics;
  after: RetrievalMetrics;
  /** Mean milliseconds per rerank call (50 candidates). */
  msPerQuery: number;
}

/** Hybrid top 50 → `reranker` → metrics before and after, the way production calls it (title and text separate). */
export async function evaluateReranker(
  dataset: RetrievalDataset,
  stage: HybridStage,
  reranker: Reranker,
  depth = RERANK_DEPTH,
): Promise<RerankEvaluation> {
  const reordered = new Map<string, string[]>();
  let ms = 0;
  const text = new Map(dataset.queries.map((q) => [q.id, q.text]));
  for (const [queryId, ranked] of stage.hybrid) {
    const candidates = ranked.slice(0, depth).map((s) => {
      const d = stage.documents.get(s.id)!;
      return { id: s.id, title: d.title, text: d.text, score: s.score };
    });
    const t = performance.now();
    const result = await reranker.rerank(text.get(queryId)!, candidates);
    ms += performance.now() - t;
    reordered.set(
      queryId,
      result.map((r) => r.id),
    );
  }
  const after = rerankRun(stage.hybrid, depth, (queryId) => reordered.get(queryId)!);
  return { before: scoreRun(stage.hybrid, dataset), after: scoreRun(after, dataset), msPerQuery: ms / Math.max(1, stage.hybrid.size) };
}
