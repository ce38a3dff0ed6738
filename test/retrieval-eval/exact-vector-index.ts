import type { EmbeddingVector, VectorSimilarity } from '../../subgraphs/knowledge/embeddings/embedder.js';
import { topK, type ScoredId } from './rank.js';

/**
 * Brute-force search over a dense matrix by cosine or by inner product with the (normalised) query: the exact answer
 * an ANN index (pgvector HNSW) approximates. Query vectors are scanned sparsely (only non-zero components), which is
 * exact and fast for lexical vectors.
 */
export class ExactVectorIndex {
  private readonly matrix: Float32Array;
  private readonly inverseNorms: Float32Array;

  constructor(
    private readonly ids: readonly string[],
    vectors: readonly EmbeddingVector[],
    readonly dimensions: number,
    similarity: VectorSimilarity = 'cosine',
  ) {
    if (ids.length !== vectors.length) throw new Error('ids and vectors differ in length');
    this.matrix = new Float32Array(ids.length * dimensions);
    this.inverseNorms = new Float32Array(ids.length);
    vectors.forEach((v, d) => {
      if (v.length !== dimensions) throw new Error(`vector ${d} has ${v.length} dimensions, expected ${dimensions}`);
      let norm = 0;
      for (let j = 0; j < dimensions; j++) {
        this.matrix[d * dimensions + j] = v[j]!;
        norm += v[j]! * v[j]!;
      }
      this.inverseNorms[d] = norm === 0 ? 0 : similarity === 'inner-product' ? 1 : 1 / Math.sqrt(norm);
    });
  }

  search(query: EmbeddingVector, k: number): ScoredId[] {
    const dims = this.dimensions;
    const nz: number[] = [];
    const qv: number[] = [];
    let qnorm = 0;
    for (let j = 0; j < dims; j++) {
      const x = query[j]!;
      if (x !== 0) {
        nz.push(j);
        qv.push(x);
        qnorm += x * x;
      }
    }
    const scores = new Float64Array(this.ids.length);
    if (qnorm === 0) return [];
    const qinv = 1 / Math.sqrt(qnorm);
    for (let d = 0; d < this.ids.length; d++) {
      const base = d * dims;
      let dot = 0;
      for (let t = 0; t < nz.length; t++) dot += qv[t]! * this.matrix[base + nz[t]!]!;
      // shift the score from [-1, 1] to [0, 2] so topK (which skips zero scores) keeps every document
      scores[d] = dot * qinv * this.inverseNorms[d]! + 1;
    }
    return topK(scores, this.ids, k).map(({ id, score }) => ({ id, score: score - 1 }));
  }
}
