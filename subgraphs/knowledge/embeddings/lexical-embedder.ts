import { createHash } from 'node:crypto';
import { CorpusStatistics } from './corpus-statistics.js';
import type { Embedder, EmbeddingPurpose, VectorSimilarity } from './embedder.js';
import { hashFeature } from './feature-hash.js';
import { TwoGenerationCache } from './two-generation-cache.js';
import {
  DEFAULTS,
  type LexicalEmbedderJson,
  type LexicalEmbedderOptions,
  type Settings,
  type TitledText,
} from './lexical-embedder-options.js';
import { createFeatureExtractor, unigramLength, type FeatureCounts } from './lexical-features.js';

export type { LexicalEmbedderJson, LexicalEmbedderOptions, TitledText } from './lexical-embedder-options.js';

/**
 * The offline default embedder: a deterministic, model-free tf-idf vector (stems plus character 4-grams,
 * BM25-saturated tf, idf from frozen {@link CorpusStatistics}) folded into a fixed dimension with signed feature
 * hashing. Queries are unit length. With `documentNorm: 'cosine'` documents are too and cosine similarity
 * approximates tf-idf cosine; with the default `'inner-product'` documents are at most unit length and their dot
 * product with a query approximates BM25, which ranked better (0.685 against 0.656 nDCG@10 on SciFact train).
 * Same input, options and statistics → bit-identical vectors in every process.
 */
export class LexicalEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly statistics: CorpusStatistics | undefined;
  readonly similarity: VectorSimilarity;
  private readonly settings: Settings;
  private readonly extract: (text: string) => FeatureCounts;
  private readonly featureCache = new TwoGenerationCache<string, FeatureWeights>(FEATURE_CACHE_GENERATION);

  constructor(options: LexicalEmbedderOptions = {}) {
    const { statistics, ...rest } = options;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.settings = { ...DEFAULTS, ...defined } as Settings;
    const dims = this.settings.dimensions;
    if (!Number.isInteger(dims) || dims < 1) throw new RangeError(`dimensions must be a positive integer, got ${dims}`);
    this.dimensions = dims;
    this.statistics = statistics;
    this.similarity = this.settings.documentNorm === 'inner-product' ? 'inner-product' : 'cosine';
    this.extract = createFeatureExtractor(this.settings);
    const configHash = createHash('sha256')
      .update(JSON.stringify(Object.entries(this.settings).sort(([a], [b]) => a.localeCompare(b))))
      .update(statistics ? statistics.fingerprint : 'no-stats')
      .digest('hex')
      .slice(0, 10);
    // v2: documents under `inner-product` lost the reserved norm component (ranked by dot product, not cosine).
    this.id = `lexical-hash-v2:${dims}:${configHash}`;
  }

  /** Fits corpus statistics on `documents` and returns an embedder using them (same options otherwise). */
  static fit(
    documents: Iterable<string | TitledText>,
    options: Omit<LexicalEmbedderOptions, 'statistics'> = {},
    minDocumentFrequency = 2,
  ): LexicalEmbedder {
    const probe = new LexicalEmbedder(options);
    const counts = function* (documents: Iterable<string | TitledText>) {
      for (const doc of documents) yield typeof doc === 'string' ? probe.extract(doc) : probe.documentCounts(doc);
    };
    const docs = [...documents];
    const statistics = CorpusStatistics.fit(counts(docs), { minDocumentFrequency, lengthOf: unigramLength });
    if (probe.settings.documentNorm !== 'inner-product' || probe.settings.documentNormCap)
      return new LexicalEmbedder({ ...options, statistics });
    const measuring = new LexicalEmbedder({ ...options, statistics });
    let cap = 0;
    for (const doc of docs)
      cap = Math.max(cap, measuring.rawNorm(typeof doc === 'string' ? measuring.extract(doc) : measuring.documentCounts(doc)));
    return new LexicalEmbedder({ ...options, statistics, documentNormCap: cap || 1 });
  }

  /** Everything needed to rebuild this exact embedder (options, measured norm cap, statistics) as plain JSON. */
  toJSON(): LexicalEmbedderJson {
    return { version: 1, options: { ...this.settings }, statistics: this.statistics?.toJSON() ?? null };
  }

  static fromJSON(json: LexicalEmbedderJson): LexicalEmbedder {
    if (json.version !== 1) throw new Error(`unsupported lexical embedder version ${String(json.version)}`);
    return new LexicalEmbedder({ ...json.options, ...(json.statistics ? { statistics: CorpusStatistics.fromJSON(json.statistics) } : {}) });
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    return texts.map((text) => this.embedSync(text, purpose));
  }

  /** Documents with a title weighted by `titleBoost`. */
  async embedDocuments(documents: TitledText[]): Promise<Float32Array[]> {
    return documents.map((doc) => this.vectorFromCounts(this.documentCounts(doc), 'document'));
  }

  embedDocumentSync(doc: TitledText): Float32Array {
    return this.vectorFromCounts(this.documentCounts(doc), 'document');
  }

  embedSync(text: string, purpose: EmbeddingPurpose): Float32Array {
    return this.vectorFromCounts(this.extract(text), purpose);
  }

  private documentCounts(doc: TitledText): FeatureCounts {
    const counts = this.extract(doc.text);
    if (!doc.title) return counts;
    for (const [feature, count] of this.extract(doc.title)) {
      counts.set(feature, (counts.get(feature) ?? 0) + count * this.settings.titleBoost);
    }
    return counts;
  }

  private vectorFromCounts(counts: FeatureCounts, purpose: EmbeddingPurpose): Float32Array {
    const vector = this.rawVector(counts, purpose);
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    const capped = purpose === 'document' && this.settings.documentNorm === 'inner-product';
    const divisor = capped ? Math.max(this.settings.documentNormCap || 1, Math.sqrt(norm)) : Math.sqrt(norm);
    if (divisor > 0) {
      const inv = 1 / divisor;
      for (let i = 0; i < vector.length; i++) vector[i] *= inv;
    }
    return vector;
  }

  private rawNorm(counts: FeatureCounts): number {
    const v = this.rawVector(counts, 'document');
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    return Math.sqrt(norm);
  }

  /** Weighted, hashed, not yet normalised. */
  private rawVector(counts: FeatureCounts, purpose: EmbeddingPurpose): Float32Array {
    const s = this.settings;
    const stats = this.statistics;
    const vector = new Float32Array(this.dimensions);
    const isDocument = purpose === 'document';
    let lengthNorm = 1;
    if (isDocument && s.documentTf === 'bm25') {
      const avg = stats?.averageLength || unigramLength(counts) || 1;
      lengthNorm = s.k1 * (1 - s.b + (s.b * unigramLength(counts)) / avg);
    }
    const features: FeatureWeights[] = [];
    const weights: number[] = [];
    for (const [feature, tf] of counts) {
      const cached = this.featureWeights(feature);
      let w: number;
      if (isDocument && s.documentTf === 'bm25') w = (tf * (s.k1 + 1)) / (tf + lengthNorm);
      else w = tf >= 1 ? 1 + Math.log(tf) : tf;
      // Multiplied in the same order as ever (a factor of exactly 1 changes nothing), so vectors stay bit-identical.
      w *= isDocument ? cached.documentIdf : cached.queryIdf;
      w *= cached.kindWeight;
      features.push(cached);
      weights.push(w);
    }
    let order: number[] | undefined;
    if (isDocument && s.maxDocumentFeatures > 0 && features.length > s.maxDocumentFeatures) {
      order = features.map((_, i) => i).sort((x, y) => weights[y]! - weights[x]! || (features[x]!.feature < features[y]!.feature ? -1 : 1));
      order.length = s.maxDocumentFeatures;
    }
    const copyWeight = 1 / Math.sqrt(s.hashesPerFeature);
    const count = order ? order.length : features.length;
    for (let k = 0; k < count; k++) {
      const i = order ? order[k]! : k;
      const { buckets, signs } = features[i]!;
      const w = weights[i]!;
      for (let c = 0; c < buckets.length; c++) vector[buckets[c]!] += signs[c]! * w * copyWeight;
    }
    return vector;
  }

  /**
   * A feature's idf factors, kind weight and hash buckets, looked up once: one map lookup per feature instead of
   * one for idf and one for the buckets halved the time to embed SciFact (3.6 → 1.8 s, docs/benchmarks.md).
   */
  private featureWeights(feature: string): FeatureWeights {
    let cached = this.featureCache.get(feature);
    if (cached !== undefined) return cached;
    const s = this.settings;
    const idfPower = (exponent: number) => {
      if (!this.statistics || exponent === 0) return 1;
      const idf = this.statistics.idf(feature);
      return exponent === 1 ? idf : idf ** exponent;
    };
    const copies = s.hashesPerFeature;
    const buckets = new Int32Array(copies);
    const signs = new Int8Array(copies);
    for (let c = 0; c < copies; c++) {
      const { index, sign } = hashFeature(feature, this.dimensions, c === 0 ? undefined : c);
      buckets[c] = index;
      signs[c] = sign;
    }
    cached = {
      feature,
      documentIdf: idfPower(s.documentIdfExponent),
      queryIdf: idfPower(s.queryIdfExponent),
      kindWeight: feature.startsWith('#') ? s.charNgramWeight : feature.includes('_') ? s.bigramWeight : 1,
      buckets,
      signs,
    };
    this.featureCache.set(feature, cached);
    return cached;
  }
}

interface FeatureWeights {
  feature: string;
  documentIdf: number;
  queryIdf: number;
  kindWeight: number;
  buckets: Int32Array;
  signs: Int8Array;
}

/**
 * 400-500 bytes of heap per cached feature (two typed arrays and their buffers): 500,000 kept forever grew each
 * process that embeds (the server's query embedder, the ingestion worker's) by up to ~200 MiB as new words, bigrams
 * and character n-grams arrived (docs/benchmarks.md, "Memory soak"). Two generations of 50,000 keep the frequent ones.
 */
const FEATURE_CACHE_GENERATION = 50_000;

/** Factory in the style of AI SDK providers. */
export function createLexicalEmbedder(options: LexicalEmbedderOptions = {}): LexicalEmbedder {
  return new LexicalEmbedder(options);
}
