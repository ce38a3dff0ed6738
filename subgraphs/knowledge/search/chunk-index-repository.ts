import type { EntityManager } from '@mikro-orm/sql';
import { quoteIdentifier } from '../../../db/migration.js';
import { HNSW_EF_CONSTRUCTION, type ChunkTable } from './chunk-table.js';

/** Memory for index builds after a bulk load: enough for a 100k-chunk HNSW graph of 2,000-d vectors. */
const BULK_INDEX_BUILD_MEMORY = '1GB';

/** The chunks table's indexes and planner statistics: what start-up and bulk loads maintain. */
export class ChunkIndexRepository {
  constructor(
    private readonly em: () => EntityManager,
    private readonly table: ChunkTable,
  ) {}

  /**
   * The HNSW index for this embedder (its similarity, m 16, ef_construction 32): idempotent, run at start-up. Building
   * is most of a bulk load's time; on SciFact (5.5k chunks of 1,999-d vectors) it took 11.5 s with ef_construction
   * 32 against 18.4 s with pgvector's default 64, and VECTOR search walks further to make up (SearchSettings.efSearch).
   */
  async ensureVectorIndex(em: EntityManager = this.em()): Promise<void> {
    const { table } = this;
    await em.execute(
      `create index if not exists ${quoteIdentifier(table.indexName)} on ${table.chunks} using hnsw ((embedding::${table.vectorType}) ${table.operatorClass}) ` +
        `with (m = 16, ef_construction = ${HNSW_EF_CONSTRUCTION}) where embedder_id = ${table.embedderLiteral}`,
    );
  }

  /**
   * Refreshes planner statistics, including the table's row count (`reltuples`) that `chooseVectorWalk` weighs a
   * tenant against; with a scope filter the planner itself chooses between the HNSW walk and an exact sort, and
   * without statistics it guesses "one row" and sorts everything. PGlite has no autovacuum, so this runs at start-up
   * and after large loads.
   */
  async analyze(em: EntityManager = this.em()): Promise<void> {
    await em.execute(`analyze ${this.table.chunks}`);
    await em.execute(`analyze ${this.table.lexemeCounts}`);
  }

  async dropVectorIndex(em: EntityManager = this.em()): Promise<void> {
    await em.execute(`drop index if exists ${quoteIdentifier(this.table.schema)}.${quoteIdentifier(this.table.indexName)}`);
  }

  /**
   * Runs a bulk load with this embedder's HNSW index and the full-text GIN index dropped, then builds both in one
   * pass: maintaining them row by row is most of the cost of a large insert (docs/benchmarks.md). Searches during
   * the load fall back to scans. The GIN definition must match migration 0002.
   */
  async withoutIndexes<T>(load: () => Promise<T>): Promise<T> {
    const em = this.em();
    const gin = `${quoteIdentifier(this.table.schema)}.${quoteIdentifier('chunks_search_vector_idx')}`;
    await this.dropVectorIndex(em);
    await em.execute(`drop index if exists ${gin}`);
    try {
      return await load();
    } finally {
      await em.transactional(async (tx) => {
        // pgvector's advice: an HNSW build is much faster while the graph fits in maintenance_work_mem (64 MB by
        // default; 10k chunks of 2,000-d vectors need ~100 MB).
        await tx.execute(`set local maintenance_work_mem = '${BULK_INDEX_BUILD_MEMORY}'`);
        await tx.execute(`create index if not exists chunks_search_vector_idx on ${this.table.chunks} using gin (search_vector)`);
        await this.ensureVectorIndex(tx);
      });
      await this.analyze(em);
    }
  }
}
