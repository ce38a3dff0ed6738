import { SubgraphMigration } from '../../migration.js';

/**
 * Per-tenant document frequencies for keyword search: how many chunks hold each lexeme, and how many chunks (and
 * tokens, for BM25's length normalisation) there are. Keyword search weighs words by idf and reads only the rarest words' postings; counting them at query time
 * would visit every matching row. Maintained by the knowledge subgraph in the transactions that write chunks, and
 * filled here from chunks already stored.
 */
export class Migration0003LexemeCounts extends SubgraphMigration {
  override up(): void {
    const chunks = this.table('chunks');
    this.addSql(`create table ${this.table('lexeme_chunk_counts')} (
      tenant_id text not null,
      lexeme text not null,
      chunk_count integer not null,
      primary key (tenant_id, lexeme)
    )`);
    this.addSql(`create table ${this.table('tenant_chunk_counts')} (
      tenant_id text primary key,
      chunk_count integer not null,
      token_count bigint not null
    )`);
    this.addSql(`insert into ${this.table('lexeme_chunk_counts')} (tenant_id, lexeme, chunk_count)
      select c.tenant_id, lexeme, count(*) from ${chunks} c, unnest(tsvector_to_array(c.search_vector)) as lexeme group by c.tenant_id, lexeme`);
    this.addSql(`insert into ${this.table('tenant_chunk_counts')} (tenant_id, chunk_count, token_count)
      select tenant_id, count(*), coalesce(sum(token_count), 0) from ${chunks} group by tenant_id`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('tenant_chunk_counts')}`);
    this.addSql(`drop table ${this.table('lexeme_chunk_counts')}`);
  }
}
