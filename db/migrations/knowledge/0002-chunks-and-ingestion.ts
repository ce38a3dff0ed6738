import { SubgraphMigration } from '../../migration.js';

/**
 * Chunks with full-text and vector search, and ingestion jobs.
 *
 * `embedding` has no fixed dimension: vectors of each embedder are told apart by `embedder_id`, and every embedder
 * gets its own partial HNSW index on `(embedding::vector(N))` where `embedder_id = '<id>'`, created at start-up by
 * the knowledge subgraph (the dimension is configuration, not schema). Changing the embedder therefore needs no
 * migration: chunks of the old embedder stay searchable by nobody until `reindex` re-embeds them.
 */
export class Migration0002ChunksAndIngestion extends SubgraphMigration {
  override up(): void {
    const documents = this.table('documents');
    this.addSql(`alter table ${documents} alter column slug drop not null`);
    this.addSql(`alter table ${documents} add column format text not null default 'TEXT'`);
    this.addSql(`alter table ${documents} add column metadata jsonb not null default '{}'`);
    this.addSql(`alter table ${documents} add column byte_size integer not null default 0`);
    this.addSql(`alter table ${documents} add column chunk_count integer not null default 0`);
    this.addSql(`alter table ${documents} add column source_name text`);
    this.addSql(`create unique index documents_tenant_content_hash_idx on ${documents} (tenant_id, content_hash)`);

    this.addSql(`create table ${this.table('chunks')} (
      id uuid primary key,
      tenant_id text not null,
      document_id uuid not null references ${documents} (id) on delete cascade,
      scope text not null,
      ordinal integer not null,
      title text not null,
      text text not null,
      heading_path text[] not null default '{}',
      token_count integer not null,
      embedder_id text,
      embedding vector,
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')
      ) stored,
      unique (document_id, ordinal)
    )`);
    // Vectors barely compress; storing them uncompressed saves pglz work on every insert and read.
    this.addSql(`alter table ${this.table('chunks')} alter column embedding set storage external`);
    this.addSql(`create index chunks_tenant_scope_idx on ${this.table('chunks')} (tenant_id, scope)`);
    this.addSql(`create index chunks_search_vector_idx on ${this.table('chunks')} using gin (search_vector)`);
    this.addSql(`create index chunks_tenant_embedder_idx on ${this.table('chunks')} (tenant_id, embedder_id)`);

    this.addSql(`create table ${this.table('ingestion_jobs')} (
      id uuid primary key,
      tenant_id text not null,
      requested_by text not null,
      kind text not null,
      status text not null,
      title text,
      scope text,
      document_id uuid,
      deduplicated boolean not null default false,
      documents_total integer not null default 0,
      documents_done integer not null default 0,
      chunks_total integer not null default 0,
      chunks_embedded integer not null default 0,
      error_code text,
      error_message text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    )`);
    this.addSql(`create index ingestion_jobs_tenant_idx on ${this.table('ingestion_jobs')} (tenant_id, created_at desc)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('ingestion_jobs')}`);
    this.addSql(`drop table ${this.table('chunks')}`);
    this.addSql(`drop index ${this.qualify('documents_tenant_content_hash_idx')}`);
    for (const column of ['format', 'metadata', 'byte_size', 'chunk_count', 'source_name']) {
      this.addSql(`alter table ${this.table('documents')} drop column ${column}`);
    }
  }
}
