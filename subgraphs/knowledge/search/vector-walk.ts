/**
 * How vector search finds its candidates. `index`: walk the HNSW graph. `exact`: compute every matching chunk's
 * distance, which is exact and, for a few hundred rows, as fast as a walk. `planner`: let PostgreSQL choose.
 */
export type VectorWalk = 'index' | 'exact' | 'planner';

/**
 * An HNSW walk (ef_search 50-100) costs about as much as this many exact distances: ~5 ms against ~7.6 µs per chunk,
 * measured on PGlite with 2,000-d vectors in session 6, on a graph that stopped walks early (docs/benchmarks.md); a
 * walk on the working graph costs more, so this errs towards walking.
 */
export const WALK_COST_IN_CHUNKS = 700;

/** pgvector's default hnsw.max_scan_tuples: an iterative scan that visits more stops short of `limit` rows. */
const MAX_SCAN_TUPLES = 20_000;

export interface WalkInputs {
  /** Whether a scope narrows the tenant's chunks (their number is then unknown here). */
  scoped: boolean;
  tenantChunks: number;
  /** Chunks of every tenant in the index; 0 when unknown (never analyzed). */
  tableChunks: number;
  limit: number;
}

/**
 * Exact distances for a tenant small enough that computing them all is cheaper than a walk; the HNSW index for a
 * larger one. PostgreSQL's planner gets this wrong for mid-sized tenants (it prices a 2,000-d distance like an
 * addition), so it only decides when a scope filter hides the row count from us.
 */
export function chooseVectorWalk({ scoped, tenantChunks, tableChunks, limit }: WalkInputs): VectorWalk {
  if (scoped || tenantChunks <= 0 || tableChunks <= 0) return 'planner';
  // A walk filtered to one tenant passes over the other tenants' chunks on the way to `limit` of its own.
  const passedOver = limit * Math.max(1, tableChunks / tenantChunks);
  if (passedOver > MAX_SCAN_TUPLES) return 'exact';
  return tenantChunks <= WALK_COST_IN_CHUNKS + passedOver ? 'exact' : 'index';
}
