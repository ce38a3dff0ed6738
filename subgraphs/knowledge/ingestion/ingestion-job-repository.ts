import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import { IngestionJobEntity, isTerminal, type IngestionJob } from './ingestion-job.entity.js';
import type { DocumentFormat } from './extract-text.js';
import type { IngestRequest } from './ingest-request.js';

export type JobUpdate = Partial<
  Pick<
    IngestionJob,
    | 'status'
    | 'title'
    | 'documentId'
    | 'deduplicated'
    | 'documentsTotal'
    | 'documentsDone'
    | 'chunksTotal'
    | 'chunksEmbedded'
    | 'errorCode'
    | 'errorMessage'
  >
>;

/** A job as a new claim hands it over: the request of an INGEST job comes with it. */
export interface ClaimedJob {
  job: IngestionJob;
  request: IngestRequest | null;
}

/** Who holds a job while it runs: a fresh claim (lease unset) or this worker for `leaseMs` (ingestAndWait). */
export interface JobClaim {
  worker: string;
  leaseMs: number;
}

/** The job is no longer this worker's (its lease lapsed and another replica claimed it): stop working on it. */
export class JobTakenOver extends Error {
  constructor(jobId: string) {
    super(`ingestion job ${jobId} was claimed by another worker`);
    this.name = 'JobTakenOver';
  }
}

interface PayloadRow {
  request: Omit<IngestRequest, 'content'> & { contentEncoding: 'text' | 'base64' };
  content: string;
}

/**
 * The ingestion_jobs table, also the knowledge replicas' shared work queue. Statements about one job are scoped by
 * tenant; the claim spans every tenant on purpose (a worker serves them all) and each claimed job keeps its tenant.
 */
export class IngestionJobRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Stores the job (and the request it will run, for INGEST) in one short transaction. */
  async create(
    tenantId: string,
    requestedBy: string,
    kind: 'INGEST' | 'REINDEX',
    fields: { title?: string | null; scope?: string | null },
    request?: IngestRequest,
    claim?: JobClaim,
  ): Promise<IngestionJob> {
    const now = new Date();
    const em = this.em();
    const job = em.create(IngestionJobEntity, {
      id: randomUUID(),
      tenantId,
      requestedBy,
      kind,
      status: 'QUEUED',
      title: fields.title ?? null,
      scope: fields.scope ?? null,
      documentId: null,
      deduplicated: false,
      documentsTotal: kind === 'INGEST' ? 1 : 0,
      documentsDone: 0,
      chunksTotal: 0,
      chunksEmbedded: 0,
      errorCode: null,
      errorMessage: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      leaseUntil: claim ? new Date(now.getTime() + claim.leaseMs) : null,
      claimedBy: claim?.worker ?? null,
      attempts: claim ? 1 : 0,
    });
    if (!request) {
      await em.flush();
      return job;
    }
    const { content, ...rest } = request;
    const payload: PayloadRow = {
      request: { ...rest, contentEncoding: typeof content === 'string' ? 'text' : 'base64' },
      content: typeof content === 'string' ? content : Buffer.from(content).toString('base64'),
    };
    await em.transactional(async (tx) => {
      await tx.flush();
      await tx.execute(
        `insert into ${this.table(tx, 'ingestion_job_payloads')} (job_id, tenant_id, request, content) values (?, ?, ?, ?)`,
        [job.id, tenantId, JSON.stringify(payload.request), payload.content],
      );
    });
    return job;
  }

  /**
   * Claims the oldest unfinished job nobody holds (no lease, or a lease that expired: its replica died) for `leaseMs`,
   * counting the attempt; null when there is none. One statement; the lease is on the database's clock.
   */
  async claim(worker: string, leaseMs: number): Promise<ClaimedJob | null> {
    const em = this.em();
    const jobs = this.table(em, 'ingestion_jobs');
    const [claimed] = await em.execute<{ id: string; tenant_id: string }[]>(
      `update ${jobs} set lease_until = now() + (? * interval '1 millisecond'), claimed_by = ?, attempts = attempts + 1
       where id = (
         select id from ${jobs}
         where status not in ('SUCCEEDED', 'FAILED') and (lease_until is null or lease_until < now())
         order by created_at limit 1 for update skip locked)
       returning id, tenant_id`,
      [leaseMs, worker],
    );
    if (!claimed) return null;
    const job = await this.get(claimed.tenant_id, claimed.id);
    if (!job) return null;
    return { job, request: job.kind === 'INGEST' ? await this.request(job) : null };
  }

  /** Extends this worker's lease on a running job; false when the job ended or another worker holds it now. */
  async renewLease(job: IngestionJob, worker: string, leaseMs: number): Promise<boolean> {
    const jobs = this.table(this.em(), 'ingestion_jobs');
    const updated = await this.em().execute<{ id: string }[]>(
      `update ${jobs} set lease_until = now() + (? * interval '1 millisecond')
       where tenant_id = ? and id = ? and claimed_by = ? and status not in ('SUCCEEDED', 'FAILED') returning id`,
      [leaseMs, job.tenantId, job.id, worker],
    );
    return updated.length > 0;
  }

  private async request(job: IngestionJob): Promise<IngestRequest | null> {
    const em = this.em();
    const [row] = await em.execute<PayloadRow[]>(
      `select request, content from ${this.table(em, 'ingestion_job_payloads')} where tenant_id = ? and job_id = ?`,
      [job.tenantId, job.id],
    );
    if (!row) return null;
    const { contentEncoding, ...request } =
      typeof row.request === 'string' ? (JSON.parse(row.request) as PayloadRow['request']) : row.request;
    const content = contentEncoding === 'text' ? row.content : new Uint8Array(Buffer.from(row.content, 'base64'));
    return { ...request, format: request.format as DocumentFormat, content };
  }

  async get(tenantId: string, id: string): Promise<IngestionJob | null> {
    return isUuid(id) ? this.em().findOne(IngestionJobEntity, { tenantId, id }) : null;
  }

  /** Writes the changes and the times `next` carries (`updatedAt`, `finishedAt`). */
  async update(job: IngestionJob, changes: JobUpdate, next: Pick<IngestionJob, 'updatedAt' | 'finishedAt'>): Promise<void> {
    const ended = changes.status !== undefined && isTerminal(changes.status);
    // A claimed job is written only by its claimant: once another worker reclaimed it, a late write changes nothing.
    const updated = await this.em().nativeUpdate(
      IngestionJobEntity,
      { tenantId: job.tenantId, id: job.id, ...(job.claimedBy ? { claimedBy: job.claimedBy } : {}) },
      { ...changes, updatedAt: next.updatedAt, finishedAt: next.finishedAt, ...(ended ? { leaseUntil: null } : {}) },
    );
    if (updated === 0) throw new JobTakenOver(job.id);
    // An ended job is never run again: its content goes.
    if (ended) {
      const em = this.em();
      await em.execute(`delete from ${this.table(em, 'ingestion_job_payloads')} where tenant_id = ? and job_id = ?`, [
        job.tenantId,
        job.id,
      ]);
    }
  }

  /** Schema-qualified, for hand-written SQL (nothing sets search_path; see db/connection.ts). */
  private table(em: EntityManager, name: string): string {
    return `"${em.config.get('schema')}"."${name}"`;
  }
}
