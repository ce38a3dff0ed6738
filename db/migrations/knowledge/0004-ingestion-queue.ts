import { SubgraphMigration } from '../../migration.js';

/**
 * Ingestion jobs become a durable work queue shared by every knowledge replica: a replica claims an unfinished job
 * whose lease is absent or expired (FOR UPDATE SKIP LOCKED), renews the lease while it works, and a job whose replica
 * died is claimed again by another (`attempts` counts claims; past the limit it fails). What a job needs to run again
 * (the request and its content) waits in ingestion_job_payloads until the job ends.
 */
export class Migration0004IngestionQueue extends SubgraphMigration {
  override up(): void {
    const jobs = this.table('ingestion_jobs');
    this.addSql(`alter table ${jobs} add column lease_until timestamptz`);
    this.addSql(`alter table ${jobs} add column claimed_by text`);
    this.addSql(`alter table ${jobs} add column attempts integer not null default 0`);
    // What the claim scans: unfinished jobs, oldest first.
    this.addSql(`create index ingestion_jobs_unfinished_idx on ${jobs} (created_at) where status not in ('SUCCEEDED', 'FAILED')`);
    this.addSql(`create table ${this.table('ingestion_job_payloads')} (
      job_id uuid primary key references ${jobs} (id) on delete cascade,
      tenant_id text not null,
      request jsonb not null,
      content text not null
    )`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('ingestion_job_payloads')}`);
    this.addSql(`drop index ${this.qualify('ingestion_jobs_unfinished_idx')}`);
    for (const column of ['lease_until', 'claimed_by', 'attempts'])
      this.addSql(`alter table ${this.table('ingestion_jobs')} drop column ${column}`);
  }
}
