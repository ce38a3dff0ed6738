import type { EntityManager } from '@mikro-orm/sql';
import type { ChunkTable } from './chunk-table.js';
import { toVectorLiteral } from './chunk-table.js';
import { toTextArrayLiteral } from '../services/document-store.js';

export interface RankedChunk {
  id: string;
  score: number;
}

export interface SearchFilter {
  tenantId: string;
  scope?: string | null;
}

/** Questions are text, not tsquery syntax: backslashes are the one thing quote_literal turns into E'' strings. */
export const cleanQueryText = (text: string) => text.replaceAll('\\', ' ');

/** A lexeme of the question (English stemming, stopwords dropped) and how many of the tenant's chunks hold it. */
export interface KeywordTerm {
  lexeme: string;
  chunkCount: number;
  /** BM25's idf: ln(1 + (N - n + 0.5) / (n + 0.5)). */
  idf: number;
}

/** The question's lexemes that occur in the tenant's chunks, rarest first, from the lexeme counts. */
export async function keywordTerms(em: EntityManager, table: ChunkTable, tenantId: string, query: string): Promise<KeywordTerm[]> {
  const rows = await em.execute<{ lexeme: string; chunk_count: number | string; total: number | string | null }[]>(
    // Correlated lookups: one primary-key probe per word, whatever the planner thinks of the table's size.
    `select q.lexeme,
       coalesce((select f.chunk_count from ${table.lexemeCounts} f where f.tenant_id = ? and f.lexeme = q.lexeme), 0) as chunk_count,
       (select t.chunk_count from ${table.tenantChunkCounts} t where t.tenant_id = ?) as total
     from (select distinct unnest(tsvector_to_array(to_tsvector('english', ?))) as lexeme) as q`,
    [tenantId, tenantId, cleanQueryText(query)],
  );
  const total = Number(rows[0]?.total ?? 0);
  return rows
    .map((row) => ({ lexeme: row.lexeme, chunkCount: Number(row.chunk_count) }))
    .filter((term) => term.chunkCount > 0)
    .map((term) => ({ ...term, idf: Math.log(1 + (Math.max(total, term.chunkCount) - term.chunkCount + 0.5) / (term.chunkCount + 0.5)) }))
    .sort((a, b) => a.chunkCount - b.chunkCount || (a.lexeme < b.lexeme ? -1 : 1));
}

export interface KeywordLimits {
  /** Most words a keyword query reads postings for. */
  maxTerms: number;
  /** Postings (chunk rows) a keyword query may visit; the rarest word is read whatever its count. */
  rowBudget: number;
}

/**
 * Measured on SciFact train: 12 words / 5,000 rows keeps nDCG@10 within 0.001 of reading every word, and holds
 * KEYWORD p95 near 20 ms at 100k chunks where ranking every match took 400 ms (docs/benchmarks.md).
 */
export const DEFAULT_KEYWORD_LIMITS: KeywordLimits = { maxTerms: 12, rowBudget: 5000 };

/**
 * The words worth reading: rarest first, until the row budget or the word limit is reached. Common words carry
 * little idf, and their long postings lists are what made ranking every match slow.
 */
export function rarestTerms(terms: readonly KeywordTerm[], limits: KeywordLimits = DEFAULT_KEYWORD_LIMITS): KeywordTerm[] {
  const chosen: KeywordTerm[] = [];
  let rows = 0;
  for (const term of [...terms].sort((a, b) => a.chunkCount - b.chunkCount)) {
    if (chosen.length >= limits.maxTerms || (chosen.length > 0 && rows + term.chunkCount > limits.rowBudget)) break;
    chosen.push(term);
    rows += term.chunkCount;
  }
  return chosen;
}

/**
 * Nearest chunks by cosine distance through the embedder's HNSW index. With a tenant or scope filter, pgvector 0.8's
 * iterative scan keeps walking the graph until `limit` matching rows are found (instead of filtering ef_search
 * candidates down to fewer); relaxed order is re-sorted by the outer query. SET LOCAL needs the transaction.
 */
export async function vectorCandidates(em: EntityManager, table: ChunkTable, filter: SearchFilter, queryVector: ArrayLike<number>, limit: number, efSearch: number): Promise<RankedChunk[]> {
  const scopeClause = filter.scope ? 'and c.scope = ?' : '';
  const vector = toVectorLiteral(queryVector);
  return em.transactional(async (tx) => {
    await tx.execute(`set local hnsw.iterative_scan = relaxed_order`);
    await tx.execute(`set local hnsw.ef_search = ${Math.max(limit, Math.trunc(efSearch))}`);
    const rows = await tx.execute<{ id: string; distance: number }[]>(
      `with nearest as materialized (
         select c.id, ${table.vectorExpression} <=> ?::${table.vectorType} as distance
         from ${table.chunks} c
         where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = ? ${scopeClause}
         order by ${table.vectorExpression} <=> ?::${table.vectorType}
         limit ?
       ) select id, distance from nearest order by distance, id`,
      [vector, filter.tenantId, ...(filter.scope ? [filter.scope] : []), vector, limit],
    );
    return rows.map((row) => ({ id: row.id, score: 1 - Number(row.distance) }));
  });
}

/** Exact (sequential) nearest neighbours: the ground truth for HNSW recall in the benchmark. */
export async function exactVectorCandidates(em: EntityManager, table: ChunkTable, filter: SearchFilter, queryVector: ArrayLike<number>, limit: number): Promise<RankedChunk[]> {
  return em.transactional(async (tx) => {
    await tx.execute('set local enable_indexscan = off');
    const vector = toVectorLiteral(queryVector);
    const rows = await tx.execute<{ id: string; distance: number }[]>(
      `select c.id, ${table.vectorExpression} <=> ?::${table.vectorType} as distance from ${table.chunks} c
       where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = ? ${filter.scope ? 'and c.scope = ?' : ''}
       order by distance, c.id limit ?`,
      [vector, filter.tenantId, ...(filter.scope ? [filter.scope] : []), limit],
    );
    return rows.map((row) => ({ id: row.id, score: 1 - Number(row.distance) }));
  });
}

/**
 * Chunks holding any of `terms`, scored by the sum of the idf of the terms they hold (BM25 without term frequency).
 * Each word's postings come from the GIN index on their own and never need the chunk's tsvector; ts_rank_cd over
 * every match had no idf and had to read each matching row's tsvector.
 */
export async function keywordCandidates(em: EntityManager, table: ChunkTable, filter: SearchFilter, terms: readonly KeywordTerm[], limit: number): Promise<RankedChunk[]> {
  if (terms.length === 0) return [];
  const scopeClause = filter.scope ? 'and c.scope = ?' : '';
  const postings = `select c.id, ?::float8 as weight from ${table.chunks} c
    where c.tenant_id = ? ${scopeClause} and c.search_vector @@ to_tsquery('simple', quote_literal(?))`;
  const rows = await em.execute<{ id: string; score: number | string }[]>(
    `select id, sum(weight) as score from (${terms.map(() => postings).join(' union all ')}) as matches
     group by id order by score desc, id limit ?`,
    [...terms.flatMap((term) => [term.idf, filter.tenantId, ...(filter.scope ? [filter.scope] : []), term.lexeme]), limit],
  );
  return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}

/** Marks the question's words in each chunk (`<mark>…</mark>`), computed for the returned page only: ts_headline is costly. */
export async function highlights(em: EntityManager, table: ChunkTable, tenantId: string, terms: readonly KeywordTerm[], ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || terms.length === 0) return new Map();
  const rows = await em.execute<{ id: string; highlight: string }[]>(
    `with q as (select to_tsquery('simple', (select string_agg(quote_literal(lexeme), ' | ') from unnest(?::text[]) as lexeme)) as query)
     select c.id, ts_headline('english', c.text, q.query,
       'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') as highlight
     from ${table.chunks} c, q where c.tenant_id = ? and c.id in (${ids.map(() => '?').join(',')})`,
    [toTextArrayLiteral(terms.map((term) => term.lexeme)), tenantId, ...ids],
  );
  return new Map(rows.map((row) => [row.id, row.highlight]));
}

/** Chunks of this tenant embedded by another embedder (or none): vector search cannot see them until a reindex. */
export async function staleChunkCount(em: EntityManager, table: ChunkTable, tenantId: string): Promise<number> {
  const [row] = await em.execute<{ count: string | number }[]>(
    `select count(*) as count from ${table.chunks} where tenant_id = ? and embedder_id is distinct from ${table.embedderLiteral}`,
    [tenantId],
  );
  return Number(row?.count ?? 0);
}
