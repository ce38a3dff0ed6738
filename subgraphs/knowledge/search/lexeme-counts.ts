import type { ChunkTable } from './chunk-table.js';

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * Adds (`sign` 1, after writing chunks) or subtracts (`sign` -1, before deleting them) some documents' chunks to or
 * from their tenant's lexeme, chunk and token counts, in the caller's transaction so the counts always match the chunks.
 * Lexemes are upserted in a fixed order, so concurrent writers on PostgreSQL lock rows in the same order.
 * Placeholders are `?` (MikroORM's); see {@link numberedPlaceholders} for PGlite's own API.
 */
export function lexemeCountChanges(table: ChunkTable, tenantId: string, documentIds: readonly string[], sign: 1 | -1): SqlStatement[] {
  if (documentIds.length === 0) return [];
  const inDocuments = `c.tenant_id = ? and c.document_id in (${documentIds.map(() => '?').join(', ')})`;
  const params = [tenantId, tenantId, ...documentIds];
  return [
    {
      sql: `insert into ${table.lexemeCounts} as counts (tenant_id, lexeme, chunk_count)
        select ?, lexeme, ${sign} * count(*) from ${table.chunks} c, unnest(tsvector_to_array(c.search_vector)) as lexeme
        where ${inDocuments} group by lexeme order by lexeme
        on conflict (tenant_id, lexeme) do update set chunk_count = counts.chunk_count + excluded.chunk_count`,
      params,
    },
    {
      sql: `insert into ${table.tenantChunkCounts} as counts (tenant_id, chunk_count, token_count)
        select ?, ${sign} * count(*), ${sign} * coalesce(sum(c.token_count), 0) from ${table.chunks} c where ${inDocuments}
        on conflict (tenant_id) do update
        set chunk_count = counts.chunk_count + excluded.chunk_count, token_count = counts.token_count + excluded.token_count`,
      params,
    },
  ];
}

/** `?` placeholders as `$1, $2, …` (the statements above hold no other question marks). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replaceAll('?', () => `$${++n}`);
}
