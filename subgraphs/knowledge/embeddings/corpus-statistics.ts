import { createHash } from 'node:crypto';
import type { FeatureCounts } from './lexical-features.js';
import { TwoGenerationCache } from './two-generation-cache.js';

/** The serialised form: plain JSON, safe to store in a table or a file. */
export interface CorpusStatisticsJson {
  version: 1;
  documentCount: number;
  averageLength: number;
  minDocumentFrequency: number;
  /** feature → number of documents containing it (only features with df ≥ minDocumentFrequency). */
  documentFrequency: Record<string, number>;
}

/**
 * Document frequencies of a fitted corpus, used for idf.
 *
 * Stability: statistics are fitted once and then FROZEN. Adding documents does not change them, so existing
 * vectors never go stale; a new document's unseen terms get the idf of the rarest kept terms (as if df = 1),
 * which is what they would be. Refitting is an explicit act that changes `fingerprint` (and hence the
 * embedder id), so every vector keyed by the old id is recognisably outdated and re-embedded.
 * idf = ln(1 + (N − df + 0.5) / (df + 0.5)) (BM25's smoothed idf: positive for every df, no division by zero).
 * Features seen in fewer than `minDocumentFrequency` documents are not stored (keeps the JSON small) and
 * behave like unseen ones.
 */
export class CorpusStatistics {
  readonly documentCount: number;
  readonly averageLength: number;
  readonly minDocumentFrequency: number;
  readonly fingerprint: string;
  private readonly df: Map<string, number>;
  /** Bounded: an unseen feature (every new word or n-gram of a query) must not grow the process for good. */
  private readonly idfCache = new TwoGenerationCache<string, number>(50_000);

  private constructor(json: CorpusStatisticsJson) {
    this.documentCount = json.documentCount;
    this.averageLength = json.averageLength;
    this.minDocumentFrequency = json.minDocumentFrequency;
    this.df = new Map(Object.entries(json.documentFrequency));
    const keys = [...this.df.keys()].sort();
    const hash = createHash('sha256').update(`${json.documentCount}|${json.averageLength}|${json.minDocumentFrequency}`);
    for (const key of keys) hash.update(`${key}\t${this.df.get(key)}\n`);
    this.fingerprint = hash.digest('hex').slice(0, 12);
  }

  /** Fits on the feature counts of every indexed document. */
  static fit(
    documents: Iterable<FeatureCounts>,
    options: { minDocumentFrequency?: number; lengthOf?: (c: FeatureCounts) => number } = {},
  ): CorpusStatistics {
    const minDf = options.minDocumentFrequency ?? 2;
    const df = new Map<string, number>();
    let n = 0;
    let totalLength = 0;
    for (const counts of documents) {
      n++;
      totalLength += options.lengthOf ? options.lengthOf(counts) : counts.size;
      for (const feature of counts.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
    }
    const documentFrequency: Record<string, number> = {};
    for (const [feature, count] of df) if (count >= minDf) documentFrequency[feature] = count;
    return new CorpusStatistics({
      version: 1,
      documentCount: n,
      averageLength: n ? totalLength / n : 0,
      minDocumentFrequency: minDf,
      documentFrequency,
    });
  }

  static fromJSON(json: CorpusStatisticsJson): CorpusStatistics {
    if (json.version !== 1) throw new Error(`unsupported corpus statistics version ${String(json.version)}`);
    return new CorpusStatistics(json);
  }

  toJSON(): CorpusStatisticsJson {
    return {
      version: 1,
      documentCount: this.documentCount,
      averageLength: this.averageLength,
      minDocumentFrequency: this.minDocumentFrequency,
      documentFrequency: Object.fromEntries(this.df),
    };
  }

  documentFrequency(feature: string): number {
    return this.df.get(feature) ?? 1;
  }

  idf(feature: string): number {
    let idf = this.idfCache.get(feature);
    if (idf === undefined) {
      const df = Math.min(this.documentFrequency(feature), this.documentCount);
      idf = Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
      this.idfCache.set(feature, idf);
    }
    return idf;
  }
}
