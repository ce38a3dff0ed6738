import type { EntityManager } from '@mikro-orm/sql';
import { toVectorLiteral, type ChunkTable } from './chunk-table.js';
import { toTextArrayLiteral } from './chunk-rows.js';
import {
  cleanQueryText,
  DEFAULT_KEYWORD_LIMITS,
  rarestTerms,
  type KeywordLimits,
  type KeywordQuery,
  type KeywordTerm,
} from './keyword-terms.js';
import type { VectorWalk } from './vector-walk.js';

export interface RankedChunk {
  id: string;
  score: number;
}

export interface SearchFilter {
  tenantId: string;
  scope?: string | null;
}

export interface VectorSearchOptions {
  limit: number;
  /** hnsw.ef_search for an `index` or `planner` walk (raised to `limit` when lower). */
  efSearch: number;
  walk: VectorWalk;
  /**
   * Chunks to score by exact distance alongside the walk's candidates (e.g. the keyword stage's): what a short walk
   * misses is often among these.
   */
  rescore?: readonly string[];
}

/** The SQL of search: keyword statistics and candidates, vector candidates, highlights. Every statement is scoped by tenant. */
export class SearchRepository {
  constructor(
    private readonly em: () => EntityManager,
    private readonly table: ChunkTable,
  ) {}

  /** Looks the question's lexemes up in the tenant's lexeme counts. */
  async keywordQuery(tenantId: string, query: string): Promise<KeywordQuery> {
    const { table } = this;
    const em = this.em();
    const rows = await em.execute<
      {
        lexeme: string;
        chunk_count: number | string;
        total: number | string | null;
        tokens: number | string | null;
        table_chunks: number | string | null;
      }[]
    >(
      // Correlated lookups: one primary-key probe per word, whatever the planner thinks of the table's size.
      `select q.lexeme,
         coalesce((select f.chunk_count from ${table.lexemeCounts} f where f.tenant_id = ? and f.lexeme = q.lexeme), 0) as chunk_count,
         t.chunk_count as total, t.token_count as tokens,
         (select reltuples from pg_class where oid = to_regclass(?)) as table_chunks
       from (select distinct unnest(tsvector_to_array(to_tsvector('english', ?))) as lexeme) as q
       left join ${table.tenantChunkCounts} t on t.tenant_id = ?`,
      [tenantId, table.chunks, cleanQueryText(query), tenantId],
    );
    const total = Number(rows[0]?.total ?? 0);
    const terms = rows
      .map((row) => ({ lexeme: row.lexeme, chunkCount: Number(row.chunk_count) }))
      .filter((term) => term.chunkCount > 0)
      .map((term) => ({ ...term, idf: Math.log(1 + (Math.max(total, term.chunkCount) - term.chunkCount + 0.5) / (term.chunkCount + 0.5)) }))
      .sort((a, b) => a.chunkCount - b.chunkCount || (a.lexeme < b.lexeme ? -1 : 1));
    return {
      terms,
      averageChunkTokens: total > 0 ? Math.max(1, Number(rows[0]?.tokens ?? 0) / total) : 1,
      tenantChunks: total,
      tableChunks: Math.max(0, Number(rows[0]?.table_chunks ?? 0)),
    };
  }

  /**
   * Nearest chunks by the embedder's similarity (cosine or inner product). An index walk over a tenant or scope filter
   * uses pgvector 0.8's iterative scan, which keeps walking until `limit` matching rows are found (instead of filtering
   * ef_search candidates down to fewer). The walk's candidates and `rescore` are ranked again by exact distance in the outer query, which reads
   * them from a materialized CTE so the planner cannot turn that sort into a second walk.
   */
  async vectorCandidates(filter: SearchFilter, queryVector: ArrayLike<number>, options: VectorSearchOptions): Promise<RankedChunk[]> {
    const { table } = this;
    const em = this.em();
    const { limit, walk } = options;
    if (walk === 'exact') return this.exactVectorCandidates(filter, queryVector, limit);
    const scopeClause = filter.scope ? 'and c.scope = ?' : '';
    const scopeParams = filter.scope ? [filter.scope] : [];
    const vector = toVectorLiteral(queryVector);
    const rescore = options.rescore ?? [];
    // The planner prices a 2,000-d distance like any operator and sorts a 13k-chunk tenant exactly (~100 ms on PGlite)
    // rather than walk the graph (~5 ms): without seq scans and sorts, the walk is the only plan left.
    const forceWalk = walk === 'index' ? ", set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)" : '';
    return em.transactional(async (tx) => {
      // All settings in one statement: on PGlite every statement is a round trip through the WASM engine.
      await tx.execute(
        `select set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ?, true)${forceWalk}`,
        [String(Math.max(limit, Math.trunc(options.efSearch)))],
      );
      // The query vector is parsed once, in its own CTE: parsing 2,000 numbers from text took ~0.5 ms on PGlite, and
      // the walk and the re-scoring each parsed it. The walk still uses the index (the subquery is an InitPlan).
      const rows = await tx.execute<{ id: string; distance: number }[]>(
        `with query as materialized (select ?::${table.vectorType} as vector),
         nearest as materialized (
           select c.id from ${table.chunks} c
           where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = ? ${scopeClause}
           order by ${table.vectorExpression} ${table.distanceOperator} (select vector from query)
           limit ?
         ), scored as materialized (
           select c.id, ${table.vectorExpression} ${table.distanceOperator} (select vector from query) as distance from ${table.chunks} c
           where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = ? ${scopeClause}
             and c.id in (select id from nearest union select unnest(?::uuid[]))
         ) select id, distance from scored order by distance, id limit ?`,
        [vector, filter.tenantId, ...scopeParams, limit, filter.tenantId, ...scopeParams, `{${rescore.join(',')}}`, limit],
      );
      return rows.map((row) => ({ id: row.id, score: table.similarityFromDistance(Number(row.distance)) }));
    });
  }

  /** Exact (sequential) nearest neighbours: the ground truth for HNSW recall in the benchmark. */
  async exactVectorCandidates(filter: SearchFilter, queryVector: ArrayLike<number>, limit: number): Promise<RankedChunk[]> {
    const { table } = this;
    const em = this.em();
    return em.transactional(async (tx) => {
      await tx.execute('set local enable_indexscan = off');
      const vector = toVectorLiteral(queryVector);
      const rows = await tx.execute<{ id: string; distance: number }[]>(
        `select c.id, ${table.vectorExpression} ${table.distanceOperator} ?::${table.vectorType} as distance from ${table.chunks} c
         where c.embedder_id = ${table.embedderLiteral} and c.tenant_id = ? ${filter.scope ? 'and c.scope = ?' : ''}
         order by distance, c.id limit ?`,
        [vector, filter.tenantId, ...(filter.scope ? [filter.scope] : []), limit],
      );
      return rows.map((row) => ({ id: row.id, score: table.similarityFromDistance(Number(row.distance)) }));
    });
  }

  /**
   * Two stages in one statement. Candidates: chunks holding any of the rarest words, scored by the sum of their idf;
   * each word's postings come from the GIN index on their own and never need the chunk's tsvector. Then BM25 over
   * every word of the question, for those candidates only: term frequencies from the tsvector's positions (title and
   * text), length from the chunk's token count.
   */
  async keywordCandidates(
    filter: SearchFilter,
    query: KeywordQuery,
    limit: number,
    limits: KeywordLimits = DEFAULT_KEYWORD_LIMITS,
  ): Promise<RankedChunk[]> {
    const { table } = this;
    const em = this.em();
    const read = rarestTerms(query.terms, limits);
    if (read.length === 0) return [];
    const scopeClause = filter.scope ? 'and c.scope = ?' : '';
    const postings = `select c.id, ?::float8 as weight from ${table.chunks} c
      where c.tenant_id = ? ${scopeClause} and c.search_vector @@ to_tsquery('simple', quote_literal(?))`;
    const { k1, b } = limits;
    const rows = await em.execute<{ id: string; score: number | string }[]>(
      `with candidates as (
         select id from (${read.map(() => postings).join(' union all ')}) as matches
         group by id order by sum(weight) desc, id limit ?
       )
       select c.id, sum(t.idf * (u.tf * ${k1 + 1}) / (u.tf + ${k1} * (${1 - b} + ${b} * c.token_count / ?::float8))) as score
       from candidates m
       join ${table.chunks} c on c.id = m.id and c.tenant_id = ?
       cross join lateral (select lexeme, coalesce(array_length(positions, 1), 1) as tf from unnest(c.search_vector)) as u
       join unnest(?::text[], ?::float8[]) as t(lexeme, idf) on t.lexeme = u.lexeme
       group by c.id order by score desc, c.id limit ?`,
      [
        ...read.flatMap((term) => [term.idf, filter.tenantId, ...(filter.scope ? [filter.scope] : []), term.lexeme]),
        Math.max(limit, limits.rescoreDepth),
        query.averageChunkTokens,
        filter.tenantId,
        toTextArrayLiteral(query.terms.map((term) => term.lexeme)),
        `{${query.terms.map((term) => term.idf).join(',')}}`,
        limit,
      ],
    );
    return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  }

  /** Marks the question's words in each chunk (`<mark>…</mark>`), computed for the returned page only: ts_headline is costly. */
  async highlights(tenantId: string, terms: readonly KeywordTerm[], ids: readonly string[]): Promise<Map<string, string>> {
    const { table } = this;
    const em = this.em();
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
}
