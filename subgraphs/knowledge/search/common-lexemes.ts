import type { EntityManager } from '@mikro-orm/sql';
import { parseTextArray } from '../services/document-store.js';
import type { ChunkTable } from './chunk-table.js';

/**
 * Lexemes found in more than `maxFrequency` of all chunks, read from the planner's statistics (ANALYZE keeps the most
 * common elements of a tsvector column with their frequencies). They are left out of keyword queries: `ts_rank_cd`
 * has no idf, so words like "cell" or "patient" would otherwise outweigh the rare words that decide relevance, and
 * OR-ing them in matches most of the table. Small tables keep every word: there a "common" word is just one of
 * few documents' topic. Cached, and re-read at most every `ttlMs`.
 */
export class CommonLexemes {
  private cached: { lexemes: string[]; readAt: number } | undefined;

  constructor(
    private readonly em: () => EntityManager,
    private readonly table: ChunkTable,
    private readonly options: { maxFrequency: number; minRows: number; ttlMs: number } = { maxFrequency: 0.05, minRows: 2000, ttlMs: 60_000 },
  ) {}

  async get(): Promise<string[]> {
    if (this.cached && Date.now() - this.cached.readAt < this.options.ttlMs) return this.cached.lexemes;
    const [row] = await this.em().execute<{ elems: string | string[] | null; freqs: number[] | string | null; rows: number | string }[]>(
      `select s.most_common_elems::text as elems, s.most_common_elem_freqs as freqs, c.reltuples as rows
       from pg_stats s join pg_class c on c.oid = ?::regclass
       where s.schemaname = ? and s.tablename = 'chunks' and s.attname = 'search_vector'`,
      [this.table.chunks, this.table.schema],
    );
    if (!row || Number(row.rows) < this.options.minRows) {
      this.cached = { lexemes: [], readAt: Date.now() };
      return [];
    }
    const lexemes = row.elems ? parseTextArray(row.elems) : [];
    const freqs = typeof row.freqs === 'string' ? row.freqs.slice(1, -1).split(',').map(Number) : (row.freqs ?? []).map(Number);
    const common = lexemes.filter((_, i) => (freqs[i] ?? 0) > this.options.maxFrequency);
    this.cached = { lexemes: common, readAt: Date.now() };
    return common;
  }

  forget(): void {
    this.cached = undefined;
  }
}
