/** Questions are text, not tsquery syntax: backslashes are the one thing quote_literal turns into E'' strings. */
export const cleanQueryText = (text: string) => text.replaceAll('\\', ' ');

/** A lexeme of the question (English stemming, stopwords dropped) and how many of the tenant's chunks hold it. */
export interface KeywordTerm {
  lexeme: string;
  chunkCount: number;
  /** BM25's idf: ln(1 + (N - n + 0.5) / (n + 0.5)). */
  idf: number;
}

/** A question as keyword search sees it: its words found in the tenant's chunks, rarest first. */
export interface KeywordQuery {
  terms: KeywordTerm[];
  /** Mean chunk length in tokens, for BM25's length normalisation. */
  averageChunkTokens: number;
  /** The tenant's chunks (all scopes), from the same counts as idf. */
  tenantChunks: number;
  /** Chunks of every tenant as of the last ANALYZE (0 if never analyzed): what an HNSW walk may pass over. */
  tableChunks: number;
}

export interface KeywordLimits {
  /** Most words a keyword query reads postings for. */
  maxTerms: number;
  /** Postings (chunk rows) a keyword query may visit; the rarest word is read whatever its count. */
  rowBudget: number;
  /** Chunks (at least) that the postings stage hands to BM25 scoring. */
  rescoreDepth: number;
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
}

/**
 * Measured on SciFact train (docs/benchmarks.md): 12 words / 1,000 rows ranks as well as 5,000 rows and as reading
 * every word (KEYWORD nDCG@10 0.6987 / 0.6981, HYBRID 0.7027 / 0.7027; 600 rows lost 0.003), and at 100k chunks the
 * keyword stage takes less than half as long (4-6 against 13 ms at p50). BM25 over the best 50 candidates lifts
 * KEYWORD from 0.656 to 0.698 (100 or 200 candidates: the same).
 */
export const DEFAULT_KEYWORD_LIMITS: KeywordLimits = { maxTerms: 12, rowBudget: 1000, rescoreDepth: 50, k1: 1.2, b: 0.75 };

/**
 * The words worth reading: rarest first, until the row budget or the word limit is reached. Common words carry
 * little idf, and their long postings lists are what made ranking every match slow.
 */
export function rarestTerms(
  terms: readonly KeywordTerm[],
  limits: Pick<KeywordLimits, 'maxTerms' | 'rowBudget'> = DEFAULT_KEYWORD_LIMITS,
): KeywordTerm[] {
  const chosen: KeywordTerm[] = [];
  let rows = 0;
  for (const term of [...terms].sort((a, b) => a.chunkCount - b.chunkCount)) {
    if (chosen.length >= limits.maxTerms || (chosen.length > 0 && rows + term.chunkCount > limits.rowBudget)) break;
    chosen.push(term);
    rows += term.chunkCount;
  }
  return chosen;
}
