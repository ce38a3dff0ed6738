/**
 * Corpus statistics the offline reranker uses for idf and length normalisation. Terms are the analyzer's output
 * (NFKD-folded, stopwords dropped, Porter-stemmed: see embeddings/text-analyzer.ts), so the lexical embedder's
 * fitted `CorpusStatistics` (whose unigram features are exactly those stems) satisfies this interface as is:
 * `new OfflineReranker({ statistics: embedder.statistics })` reuses what production already stores.
 */
export interface TermStatistics {
  readonly documentCount: number;
  /** Mean analysed length of an indexed document, in tokens; the candidates' own mean is used when absent or 0. */
  readonly averageLength?: number;
  /** Number of indexed documents containing `term` (≥ 1 for unseen terms, as CorpusStatistics does). */
  documentFrequency(term: string): number;
}

/** BM25's smoothed idf, ln(1 + (N − df + 0.5)/(df + 0.5)): positive for every df, so a common term never subtracts. */
export function bm25Idf(documentCount: number, documentFrequency: number): number {
  const df = Math.min(Math.max(documentFrequency, 0), documentCount);
  return Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
}

/**
 * Statistics counted over the candidates themselves: the corpus-free fallback when nothing was fitted.
 * Weaker than corpus idf (every candidate tends to contain the query's main terms), but it still tells the
 * terms that separate candidates from those all of them share.
 */
export function candidateTermStatistics(termSets: readonly Iterable<string>[], lengths: readonly number[]): TermStatistics {
  // Each iterable must list a candidate's distinct terms once (a Set, or a Map's keys).
  const df = new Map<string, number>();
  for (const terms of termSets) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const total = lengths.reduce((a, b) => a + b, 0);
  return {
    documentCount: termSets.length,
    averageLength: termSets.length ? total / termSets.length : 0,
    documentFrequency: (term) => df.get(term) ?? 0,
  };
}
