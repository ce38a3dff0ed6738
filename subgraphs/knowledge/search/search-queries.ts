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

/**
 * A question's words OR-ed as a tsquery. `to_tsvector('english', …)` stems and drops stopwords; the lexemes are then
 * quoted and parsed with the `simple` configuration so they are not stemmed a second time. Plain
 * `websearch_to_tsquery` would AND every word, which finds nothing for most natural-language questions.
 */
const LEXEMES = `unnest(tsvector_to_array(to_tsvector('english', ?))) as lexeme`;
const OR_QUERY_SQL = `to_tsquery('simple', coalesce(
  (select string_agg(quote_literal(lexeme), ' | ') from ${LEXEMES} where not (lexeme = any(?::text[]))),
  (select string_agg(quote_literal(lexeme), ' | ') from ${LEXEMES}),
  ''))`;

/** The parameters of OR_QUERY_SQL: very common lexemes are dropped unless nothing else is left (see CommonLexemes). */
const orQueryParams = (query: string, commonLexemes: readonly string[]) => [cleanQueryText(query), toTextArrayLiteral(commonLexemes), cleanQueryText(query)];

/** Questions are text, not tsquery syntax: backslashes are the one thing quote_literal turns into E'' strings. */
export const cleanQueryText = (text: string) => text.replaceAll('\\', ' ');

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

/** Full-text matches ranked by ts_rank_cd (cover density, normalised by log length), via the GIN index. */
export async function keywordCandidates(em: EntityManager, table: ChunkTable, filter: SearchFilter, query: string, limit: number, commonLexemes: readonly string[] = []): Promise<RankedChunk[]> {
  const rows = await em.execute<{ id: string; rank: number }[]>(
    `with q as (select ${OR_QUERY_SQL} as query)
     select c.id, ts_rank_cd(c.search_vector, q.query, 1) as rank
     from ${table.chunks} c, q
     where c.tenant_id = ? ${filter.scope ? 'and c.scope = ?' : ''} and c.search_vector @@ q.query
     order by rank desc, c.id limit ?`,
    [...orQueryParams(query, commonLexemes), filter.tenantId, ...(filter.scope ? [filter.scope] : []), limit],
  );
  return rows.map((row) => ({ id: row.id, score: Number(row.rank) }));
}

/** Marks the query's words in each chunk (`<mark>…</mark>`), computed for the returned page only: ts_headline is costly. */
export async function highlights(em: EntityManager, table: ChunkTable, tenantId: string, query: string, ids: readonly string[], commonLexemes: readonly string[] = []): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: string; highlight: string }[]>(
    `with q as (select ${OR_QUERY_SQL} as query)
     select c.id, ts_headline('english', c.text, q.query,
       'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') as highlight
     from ${table.chunks} c, q where c.tenant_id = ? and c.id in (${ids.map(() => '?').join(',')})`,
    [...orQueryParams(query, commonLexemes), tenantId, ...ids],
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
