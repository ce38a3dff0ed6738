/** What a text is embedded for: some models (and the lexical embedder) weight queries and documents differently. */
export type EmbeddingPurpose = 'document' | 'query';

/**
 * How two vectors of a model compare. `cosine`: by direction alone (most sentence-embedding models). `inner-product`:
 * by dot product, for vectors whose length carries weight (the lexical embedder's documents, like BM25); such
 * embedders return unit-length queries and documents of length at most 1, so scores stay in [-1, 1].
 */
export type VectorSimilarity = 'cosine' | 'inner-product';

/** One embedding vector; implementations may return either representation. */
export type EmbeddingVector = Float32Array | number[];

/**
 * A text embedding model. `id` names the model *and* every setting that changes its vectors
 * (e.g. `lexical-hash-v1:384`), so stored vectors and cache entries are keyed by it.
 */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  /** @default 'cosine' */
  readonly similarity?: VectorSimilarity;
  /** One vector per input text, in input order. */
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[] | number[][]>;
}

/** The similarity an embedder's vectors are ranked by. */
export function similarityOf(embedder: Pick<Embedder, 'similarity'>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  return embedder.similarity === 'inner-product' ? dotProduct(a, b) : cosineSimilarity(a, b);
}

export function dotProduct(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** Cosine similarity of two equal-length vectors (0 when either is all zeros). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
