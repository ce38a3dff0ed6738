/**
 * English stopwords: the Lucene/Anserini default set (the one BM25 baselines on BEIR use) plus a few
 * function words. Kept small on purpose: in scientific text, words like "not", "no", "increase" carry meaning.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
  'were', 'been', 'has', 'have', 'had', 'its', 'from', 'which', 'than', 'can', 'may', 'also', 'we', 'our', 'i',
]);
