import type { Embedder, EmbeddingPurpose, VectorSimilarity } from '../../subgraphs/knowledge/embeddings/embedder.js';
import type { LexicalEmbedder } from '../../subgraphs/knowledge/embeddings/lexical-embedder.js';

/**
 * Benchmark control for the lexical vectors: the same vectors multiplied by a fixed random Gaussian matrix down to
 * `dimensions` (Johnson-Lindenstrauss), scaled by 1/√dimensions so dot products are kept on average (queries are
 * normalised again). Dense and smaller, with about the same similarities: what the dimension alone costs and saves.
 */
export class DenseProjectionEmbedder implements Embedder {
  readonly id: string;
  readonly similarity: VectorSimilarity | undefined;
  private readonly matrix: Float32Array;

  constructor(
    private readonly lexical: LexicalEmbedder,
    readonly dimensions = 384,
  ) {
    this.id = `bench-dense-projection:${dimensions}:${lexical.id}`;
    this.similarity = lexical.similarity;
    this.matrix = new Float32Array(lexical.dimensions * dimensions);
    let seed = 42;
    const uniform = () => ((seed = (seed * 1103515245 + 12345) >>> 0) + 0.5) / 2 ** 32;
    for (let i = 0; i < this.matrix.length; i++) this.matrix[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    return (await this.lexical.embed(texts, purpose)).map((vector) =>
      this.project(vector, purpose === 'query' || this.similarity !== 'inner-product'),
    );
  }

  async embedDocuments(documents: { title: string; text: string }[]): Promise<Float32Array[]> {
    return (await this.lexical.embedDocuments(documents)).map((vector) => this.project(vector, this.similarity !== 'inner-product'));
  }

  private project(sparse: Float32Array, unitLength: boolean): Float32Array {
    const out = new Float32Array(this.dimensions);
    for (let i = 0; i < sparse.length; i++) {
      const value = sparse[i]!;
      if (value === 0) continue;
      const row = i * this.dimensions;
      for (let j = 0; j < this.dimensions; j++) out[j] += value * this.matrix[row + j]!;
    }
    let norm = Math.sqrt(this.dimensions);
    if (unitLength) {
      norm = 0;
      for (const value of out) norm += value * value;
      norm = Math.sqrt(norm) || 1;
    }
    for (let j = 0; j < this.dimensions; j++) out[j]! /= norm;
    return out;
  }
}
