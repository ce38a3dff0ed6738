/** What a text is embedded for: some models (and the lexical embedder) weight queries and documents differently. */
export type EmbeddingPurpose = 'document' | 'query';

/** One embedding vector; implementations may return either representation. */
export type EmbeddingVector = Float32Array | number[];

/**
 * A text embedding model. `id` names the model *and* every setting that changes its vectors
 * (e.g. `lexical-hash-v1:384`), so stored vectors and cache entries are keyed by it.
 */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  /** One vector per input text, in input order. */
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[] | number[][]>;
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
