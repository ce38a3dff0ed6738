import type { CorpusStatistics, CorpusStatisticsJson } from './corpus-statistics.js';
import type { LexicalFeatureOptions } from './lexical-features.js';

export interface LexicalEmbedderOptions extends LexicalFeatureOptions {
  /**
   * Output size, and the number of hash buckets. pgvector indexes at most 2,000 dimensions. The embedder was tuned
   * with 1,999 buckets (0.685 nDCG@10 on SciFact train); 2,000 ranked 0.666 and a fully mixed hash 0.673, so which
   * features collide matters more than one bucket (retrieval-eval/README.md). @default 1999
   */
  dimensions?: number;
  /** Multiplier on bigram weights relative to unigrams (when `bigrams` is on). @default 0.3 */
  bigramWeight?: number;
  /**
   * Fitted document frequencies. Without them every feature has idf 1 (plain sublinear-tf cosine), which
   * still works for small or not-yet-indexed corpora; fit them on the indexed corpus for real use.
   */
  statistics?: CorpusStatistics;
  /** Document term weighting: `log` = 1 + ln tf; `bm25` = BM25's saturating, length-normalised tf. @default 'bm25' */
  documentTf?: 'log' | 'bm25';
  /** BM25 saturation for `documentTf: 'bm25'`. @default 1.2 */
  k1?: number;
  /** BM25 length normalisation for `documentTf: 'bm25'`. @default 0.6 */
  b?: number;
  /**
   * idf exponents for each side. Cosine multiplies both sides, so 1 + 1 weighs rare terms by idf²;
   * splitting it (0.5 + 0.5) gives BM25's single idf in the dot product. @default 0.5 / 0.5
   */
  documentIdfExponent?: number;
  queryIdfExponent?: number;
  /**
   * How document vectors are normalised. `cosine`: plain L2 (cosine ≈ tf-idf cosine, long documents are
   * penalised by their norm). `inner-product`: documents keep their BM25-style weights divided by a corpus-wide cap
   * (`documentNormCap`), so their length is at most 1 and a dot product with the unit-length query ranks like BM25;
   * the embedder's `similarity` is then `inner-product` and pgvector indexes it with `vector_ip_ops`.
   * Earlier versions padded documents to unit length with a reserved last component so cosine ranked like a dot
   * product; that component dominated document-to-document similarity, so the HNSW graph linked chunks by length
   * instead of content and a walk found 0.2 of the exact top 10 (docs/benchmarks.md). @default 'inner-product'
   */
  documentNorm?: 'cosine' | 'inner-product';
  /** Largest document norm expected under `inner-product`; {@link LexicalEmbedder.fit} measures it. Larger norms are scaled down to it. */
  documentNormCap?: number;
  /**
   * Keep only the heaviest N features of a document before hashing (0 = all). Fewer features means fewer
   * hash collisions; the dropped ones carry little weight anyway. @default 0
   */
  maxDocumentFeatures?: number;
  /**
   * Buckets per feature (a count sketch with s rows folded into one vector, each copy weighted 1/√s):
   * spreads every feature so one unlucky collision no longer decides a match. @default 4
   */
  hashesPerFeature?: number;
  /** Multiplier on character n-gram weights (see `charNgrams`). @default 0.6 */
  charNgramWeight?: number;
  /** How many times title terms count relative to body terms in {@link LexicalEmbedder.embedDocuments}. @default 2 */
  titleBoost?: number;
}

/** Serialised {@link LexicalEmbedder}: store it next to the vectors it produced. */
export interface LexicalEmbedderJson {
  version: 1;
  options: Omit<LexicalEmbedderOptions, 'statistics'>;
  statistics: CorpusStatisticsJson | null;
}

/** A document with a separately weighted title. */
export interface TitledText {
  title?: string;
  text: string;
}

export const DEFAULTS = {
  dimensions: 1999,
  bigrams: false,
  bigramWeight: 0.3,
  stopwords: true,
  stem: true,
  minTokenLength: 1,
  documentTf: 'bm25',
  k1: 1.2,
  b: 0.6,
  documentIdfExponent: 0.5,
  queryIdfExponent: 0.5,
  titleBoost: 2,
  documentNorm: 'inner-product',
  documentNormCap: 0,
  maxDocumentFeatures: 0,
  charNgrams: 4,
  charNgramWeight: 0.6,
  hashesPerFeature: 4,
} as const;

export type Settings = Required<Omit<LexicalEmbedderOptions, 'statistics'>>;
