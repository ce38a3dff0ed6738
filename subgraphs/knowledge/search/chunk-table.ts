import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { quoteIdentifier } from '../../../db/migration.js';
import type { Embedder } from '../embeddings/embedder.js';

/**
 * SQL names for one embedder's view of the chunks table. `embedding` is an untyped `vector` column; each embedder's
 * vectors are cast to their dimension in a partial HNSW index (`where embedder_id = '<id>'`), so the same expression
 * must appear verbatim in queries for the planner to use the index. The embedder ID and dimension come from
 * configuration, never from a request, and are still quoted as literals.
 */
export class ChunkTable {
  readonly chunks: string;
  readonly documents: string;
  readonly jobs: string;
  readonly lexemeCounts: string;
  readonly tenantChunkCounts: string;
  /** `(c.embedding::vector(N))`, the indexed expression. */
  readonly vectorExpression: string;
  readonly vectorType: string;
  /** pgvector's distance operator for the embedder's similarity: `<=>` (cosine distance) or `<#>` (negative inner product). */
  readonly distanceOperator: '<=>' | '<#>';
  readonly operatorClass: 'vector_cosine_ops' | 'vector_ip_ops';
  readonly embedderLiteral: string;
  readonly indexName: string;

  constructor(
    readonly schema: string,
    readonly embedder: Pick<Embedder, 'id' | 'dimensions' | 'similarity'>,
  ) {
    const qualify = (name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
    this.chunks = qualify('chunks');
    this.documents = qualify('documents');
    this.jobs = qualify('ingestion_jobs');
    this.lexemeCounts = qualify('lexeme_chunk_counts');
    this.tenantChunkCounts = qualify('tenant_chunk_counts');
    if (!Number.isInteger(embedder.dimensions) || embedder.dimensions < 1 || embedder.dimensions > 2000) {
      throw new Error(`Embedder ${embedder.id} has ${embedder.dimensions} dimensions; pgvector's HNSW index takes 1 to 2000.`);
    }
    this.vectorType = `vector(${embedder.dimensions})`;
    this.vectorExpression = `(c.embedding::${this.vectorType})`;
    const innerProduct = embedder.similarity === 'inner-product';
    this.distanceOperator = innerProduct ? '<#>' : '<=>';
    this.operatorClass = innerProduct ? 'vector_ip_ops' : 'vector_cosine_ops';
    this.embedderLiteral = `'${embedder.id.replaceAll("'", "''")}'`;
    this.indexName = `chunks_hnsw_${createHash('sha256').update(embedder.id).digest('hex').slice(0, 12)}`;
  }

  static for(em: EntityManager, embedder: Pick<Embedder, 'id' | 'dimensions' | 'similarity'>): ChunkTable {
    const schema = em.config.get('schema');
    if (!schema) throw new Error('The knowledge database has no schema configured');
    return new ChunkTable(schema, embedder);
  }

  /** Similarity (higher is closer) from what {@link distanceOperator} returns. */
  similarityFromDistance(distance: number): number {
    return this.distanceOperator === '<#>' ? -distance : 1 - distance;
  }
}

export const HNSW_EF_CONSTRUCTION = 32;

/** pgvector's text form. Seven significant digits is float4 precision, which is what pgvector stores. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  let out = '[';
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i]!;
    out += (i ? ',' : '') + (value === 0 ? '0' : value.toPrecision(7));
  }
  return `${out}]`;
}
