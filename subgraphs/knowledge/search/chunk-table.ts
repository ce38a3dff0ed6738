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
  private readonly operatorClass: 'vector_cosine_ops' | 'vector_ip_ops';
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

  /**
   * The HNSW index for this embedder (its similarity, m 16, ef_construction 32): idempotent, run at start-up. Building
   * is most of a bulk load's time; on SciFact (5.5k chunks of 1,999-d vectors) it took 11.5 s with ef_construction
   * 32 against 18.4 s with pgvector's default 64, and VECTOR search walks further to make up (SearchSettings.efSearch).
   */
  async ensureVectorIndex(em: EntityManager): Promise<void> {
    await em.execute(
      `create index if not exists ${quoteIdentifier(this.indexName)} on ${this.chunks} using hnsw ((embedding::${this.vectorType}) ${this.operatorClass}) ` +
        `with (m = 16, ef_construction = ${HNSW_EF_CONSTRUCTION}) where embedder_id = ${this.embedderLiteral}`,
    );
  }

  /**
   * Refreshes planner statistics, including the table's row count (`reltuples`) that `chooseVectorWalk` weighs a
   * tenant against; with a scope filter the planner itself chooses between the HNSW walk and an exact sort, and
   * without statistics it guesses "one row" and sorts everything. PGlite has no autovacuum, so this runs at start-up
   * and after large loads.
   */
  async analyze(em: EntityManager): Promise<void> {
    await em.execute(`analyze ${this.chunks}`);
    await em.execute(`analyze ${this.lexemeCounts}`);
  }

  async dropVectorIndex(em: EntityManager): Promise<void> {
    await em.execute(`drop index if exists ${quoteIdentifier(this.schema)}.${quoteIdentifier(this.indexName)}`);
  }

  /**
   * Runs a bulk load with this embedder's HNSW index and the full-text GIN index dropped, then builds both in one
   * pass: maintaining them row by row is most of the cost of a large insert (docs/benchmarks.md). Searches during
   * the load fall back to scans. The GIN definition must match migration 0002.
   */
  async withoutIndexes<T>(em: EntityManager, load: () => Promise<T>): Promise<T> {
    const gin = `${quoteIdentifier(this.schema)}.${quoteIdentifier('chunks_search_vector_idx')}`;
    await this.dropVectorIndex(em);
    await em.execute(`drop index if exists ${gin}`);
    try {
      return await load();
    } finally {
      await em.transactional(async (tx) => {
        // pgvector's advice: an HNSW build is much faster while the graph fits in maintenance_work_mem (64 MB by
        // default; 10k chunks of 2,000-d vectors need ~100 MB).
        await tx.execute(`set local maintenance_work_mem = '${BULK_INDEX_BUILD_MEMORY}'`);
        await tx.execute(`create index if not exists chunks_search_vector_idx on ${this.chunks} using gin (search_vector)`);
        await this.ensureVectorIndex(tx);
      });
      await this.analyze(em);
    }
  }
}

export const HNSW_EF_CONSTRUCTION = 32;

/** Memory for index builds after a bulk load: enough for a 100k-chunk HNSW graph of 2,000-d vectors. */
const BULK_INDEX_BUILD_MEMORY = '1GB';

/** pgvector's text form. Seven significant digits is float4 precision, which is what pgvector stores. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  let out = '[';
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i]!;
    out += (i ? ',' : '') + (value === 0 ? '0' : value.toPrecision(7));
  }
  return `${out}]`;
}
