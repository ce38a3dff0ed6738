import { appError, ErrorCode } from '../../../platform/errors.js';
import { counter, histogram } from '../../../platform/metrics/metrics.js';
import type { Embedder } from '../embeddings/embedder.js';
import type { Reranker } from '../rerank/reranker.js';
import type { ChunkRepository } from './chunk-repository.js';
import type { StoredChunk } from './chunk-rows.js';
import { DEFAULT_KEYWORD_LIMITS, type KeywordLimits, type KeywordQuery } from './keyword-terms.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import type { RankedChunk, SearchFilter, SearchRepository } from './search-repository.js';
import { chooseVectorWalk } from './vector-walk.js';

export const SEARCH_MODES = ['VECTOR', 'KEYWORD', 'HYBRID'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchRequest extends SearchFilter {
  query: string;
  first: number;
  mode: SearchMode;
  rerank: boolean;
}

export interface SearchHit {
  chunk: StoredChunk;
  score: number;
  highlight: string;
}

export interface SearchSettings {
  /** Candidates each first stage contributes to fusion and reranking. @default 50 */
  candidates: number;
  /**
   * hnsw.ef_search for VECTOR search (never below the rows asked for). On the graph ChunkIndexRepository builds (ef_construction
   * 32), a walk at 100k chunks of the lexical vectors found 0.94 of an exact scan's top 10 with 200, 0.97 with 400
   * and 0.985 with 600 (200 SciFact claims; docs/benchmarks.md): the longer walk pays for the quicker build.
   * @default 600
   */
  efSearch: number;
  /**
   * HYBRID's vector candidates: how many the walk returns (at least the rows asked for) and its hnsw.ef_search. Fusion
   * with the keyword list makes up for a short walk: on SciFact train, HYBRID's top 10 scored 0.6993 nDCG@10 with 30
   * candidates and 0.6993 with 50, while at 100k chunks the vector stage took 7.9 instead of 10.7 ms at p50
   * (docs/benchmarks.md). @default 30 / 30
   */
  hybridVectorCandidates: number;
  hybridEfSearch: number;
  /**
   * RRF constant and per-list weights (keyword, vector). With BM25 keyword ranking both lists are about as good on
   * SciFact train (0.698 / 0.689 nDCG@10), and equal weights with k 20 fused best (docs/benchmarks.md).
   */
  rrf: { k: number; weights: [number, number] };
  keyword: KeywordLimits;
  /**
   * VECTOR search also scores the keyword stage's candidates by exact distance, as HYBRID always does: what a walk
   * misses is often among them. At 100k chunks of the offline lexical vectors that lifts recall@10 against an exact
   * scan from the walk's ~0.93 to ~0.98 (docs/benchmarks.md). Ranking stays by vector distance alone. @default true
   */
  vectorRescoresKeywordCandidates: boolean;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  candidates: 50,
  efSearch: 600,
  hybridVectorCandidates: 30,
  hybridEfSearch: 30,
  rrf: { k: 20, weights: [1, 1] },
  keyword: DEFAULT_KEYWORD_LIMITS,
  vectorRescoresKeywordCandidates: true,
};
export const MAX_QUERY_LENGTH = 1000;
export const MAX_RESULTS = 50;

const searches = counter({ name: 'ragline_knowledge_searches_total', help: 'Knowledge searches by mode', labelNames: ['mode', 'rerank'] });
const searchSeconds = histogram({
  name: 'ragline_knowledge_search_seconds',
  help: 'Knowledge search latency (database and rerank), by mode',
  labelNames: ['mode'],
  buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

/** Vector, keyword and hybrid (reciprocal rank fusion) search over one tenant's chunks, optionally reranked. */
export class SearchService {
  /** Stale-chunk counts per tenant: counting on every search would scan the tenant's rows. */
  private readonly staleCounts = new Map<string, { count: number; checkedAt: number }>();

  constructor(
    private readonly repository: SearchRepository,
    private readonly chunks: ChunkRepository,
    private readonly embedder: Embedder,
    private readonly reranker: Reranker,
    private readonly settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
  ) {}

  get rerankerId(): string {
    return this.reranker.id;
  }

  async search(request: SearchRequest, signal?: AbortSignal): Promise<SearchHit[]> {
    validate(request);
    const stop = searchSeconds.startTimer({ mode: request.mode });
    searches.inc({ mode: request.mode, rerank: String(request.rerank) });
    try {
      const depth = request.rerank ? Math.max(this.settings.candidates, request.first) : request.first;
      const keyword = await this.repository.keywordQuery(request.tenantId, request.query);
      let ranked = await this.rank(request, depth, keyword);
      const chunks = await this.chunks.chunksByIds(
        request.tenantId,
        ranked.map((hit) => hit.id),
      );
      if (request.rerank && ranked.length > 1) ranked = await this.rerank(request.query, ranked, chunks, signal);
      const page = ranked.slice(0, request.first);
      const marked = await this.repository.highlights(
        request.tenantId,
        keyword.terms,
        page.map((hit) => hit.id),
      );
      return page.flatMap((hit) => {
        const chunk = chunks.get(hit.id);
        return chunk ? [{ chunk, score: hit.score, highlight: marked.get(hit.id) ?? chunk.text.slice(0, 300) }] : [];
      });
    } finally {
      stop();
    }
  }

  /** The ranked chunk IDs of one mode, without loading or highlighting them (the benchmark's unit of work). */
  async firstStage(request: SearchRequest, depth: number): Promise<RankedChunk[]> {
    return this.rank(request, depth, await this.repository.keywordQuery(request.tenantId, request.query));
  }

  private async rank(request: SearchRequest, depth: number, query: KeywordQuery): Promise<RankedChunk[]> {
    if (request.mode === 'KEYWORD') return this.repository.keywordCandidates(request, query, depth, this.settings.keyword);
    await this.assertVectorsCurrent(request.tenantId);
    const [queryVector] = await this.embedder.embed([request.query], 'query');
    const walk = (limit: number) =>
      chooseVectorWalk({ scoped: Boolean(request.scope), tenantChunks: query.tenantChunks, tableChunks: query.tableChunks, limit });
    const pool = Math.max(this.settings.candidates, depth);
    if (request.mode === 'VECTOR' && !this.settings.vectorRescoresKeywordCandidates) {
      return this.repository.vectorCandidates(request, queryVector!, { limit: depth, efSearch: this.settings.efSearch, walk: walk(depth) });
    }
    const keyword = await this.repository.keywordCandidates(request, query, pool, this.settings.keyword);
    if (request.mode === 'VECTOR') {
      const rescore = keyword.map((hit) => hit.id);
      return (
        await this.repository.vectorCandidates(request, queryVector!, {
          limit: pool,
          efSearch: this.settings.efSearch,
          walk: walk(pool),
          rescore,
        })
      ).slice(0, depth);
    }
    // The keyword candidates get vector scores too, so a chunk both stages like but the short walk missed still gets
    // both votes in the fusion: without them HYBRID's top 10 fell from 0.698 to 0.660 nDCG@10 on SciFact train.
    const rescore = keyword.map((hit) => hit.id);
    const limit = Math.max(depth, this.settings.hybridVectorCandidates);
    const vector = await this.repository.vectorCandidates(request, queryVector!, {
      limit,
      efSearch: this.settings.hybridEfSearch,
      walk: walk(limit),
      rescore,
    });
    return reciprocalRankFusion([keyword, vector], this.settings.rrf).slice(0, depth);
  }

  private async rerank(
    query: string,
    ranked: RankedChunk[],
    chunks: Map<string, StoredChunk>,
    signal?: AbortSignal,
  ): Promise<RankedChunk[]> {
    const candidates = ranked.flatMap((hit) => {
      const chunk = chunks.get(hit.id);
      return chunk ? [{ id: hit.id, text: chunk.text, title: [chunk.title, ...chunk.headingPath].join(' › '), score: hit.score }] : [];
    });
    return this.reranker.rerank(query, candidates, signal ? { signal } : {});
  }

  /** Call after this tenant's chunks changed; other processes see the change within STALE_COUNT_TTL_MS. */
  forgetStaleCount(tenantId: string): void {
    this.staleCounts.delete(tenantId);
  }

  private async staleChunks(tenantId: string): Promise<number> {
    const cached = this.staleCounts.get(tenantId);
    if (cached && Date.now() - cached.checkedAt < STALE_COUNT_TTL_MS) return cached.count;
    const count = await this.chunks.staleChunkCount(tenantId);
    this.staleCounts.set(tenantId, { count, checkedAt: Date.now() });
    return count;
  }

  /**
   * Vectors of another embedder live in another index: searching would silently miss them. Refuse instead, and say
   * what to do.
   */
  private async assertVectorsCurrent(tenantId: string): Promise<void> {
    const stale = await this.staleChunks(tenantId);
    if (stale > 0) {
      throw appError(
        'EMBEDDER_CHANGED',
        `${stale} chunks were embedded by a different embedder than the configured ${this.embedder.id}; run Mutation.reindex to re-embed them. KEYWORD search still works.`,
        { staleChunks: stale, embedder: this.embedder.id },
      );
    }
  }
}

const STALE_COUNT_TTL_MS = 10_000;

function validate(request: SearchRequest): void {
  if (request.query.trim() === '') throw appError(ErrorCode.BadUserInput, 'query must not be empty.', { field: 'query' });
  if (request.query.length > MAX_QUERY_LENGTH) {
    throw appError(ErrorCode.BadUserInput, `query is ${request.query.length} characters; at most ${MAX_QUERY_LENGTH}.`, { field: 'query' });
  }
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_RESULTS) {
    throw appError(ErrorCode.BadUserInput, `first must be an integer from 1 to ${MAX_RESULTS}.`, { field: 'first' });
  }
}
