/**
 * Re-orders the candidates a first-stage search found. Implementations: an HTTP rerank endpoint (TEI/Cohere-style),
 * an LLM judge, and the offline default. Each returns every candidate it was given, best first.
 */
export interface RerankCandidate {
  id: string;
  text: string;
  /** The document's title, when the reranker can use it. */
  title?: string;
  /** The first-stage score (RRF, cosine or ts_rank); higher is better. */
  score: number;
}

export interface RerankResult {
  id: string;
  /** The reranker's own score; only its order is meaningful across rerankers. */
  score: number;
}

export interface RerankOptions {
  signal?: AbortSignal;
}

export interface Reranker {
  /** Stable name shown in results and metrics, e.g. "offline-lexical-v1", "http:bge-reranker-base". */
  readonly id: string;
  rerank(query: string, candidates: readonly RerankCandidate[], options?: RerankOptions): Promise<RerankResult[]>;
}
