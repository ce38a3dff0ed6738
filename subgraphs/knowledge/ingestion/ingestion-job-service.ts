import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { createPubSub, pipe, filter } from 'graphql-yoga';
import { isUuid } from '../../../platform/is-uuid.js';
import { IngestionJobEntity, isTerminal, type IngestionJob } from './ingestion-job.entity.js';

export type JobUpdate = Partial<Pick<IngestionJob, 'status' | 'title' | 'documentId' | 'deduplicated' | 'documentsTotal' | 'documentsDone' | 'chunksTotal' | 'chunksEmbedded' | 'errorCode' | 'errorMessage'>>;

/**
 * Ingestion job rows and their live progress. Rows are the truth (`ingestionJob` reads them); updates are also
 * published in-process, where the job runs, for `ingestionProgress` subscribers.
 */
export class IngestionJobs {
  private readonly progress = createPubSub<{ job: [jobId: string, job: IngestionJob] }>();

  constructor(private readonly em: () => EntityManager) {}

  async create(tenantId: string, requestedBy: string, kind: 'INGEST' | 'REINDEX', fields: { title?: string | null; scope?: string | null }): Promise<IngestionJob> {
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
    });
    await em.flush();
    return job;
  }

  async get(tenantId: string, id: string): Promise<IngestionJob | null> {
    return isUuid(id) ? this.em().findOne(IngestionJobEntity, { tenantId, id }) : null;
  }

  async update(job: IngestionJob, changes: JobUpdate): Promise<IngestionJob> {
    const now = new Date();
    const next: IngestionJob = { ...job, ...changes, updatedAt: now, finishedAt: changes.status && isTerminal(changes.status) ? now : job.finishedAt };
    await this.em().nativeUpdate(
      IngestionJobEntity,
      { tenantId: job.tenantId, id: job.id },
      { ...changes, updatedAt: next.updatedAt, finishedAt: next.finishedAt },
    );
    this.progress.publish('job', job.id, next);
    return next;
  }

  /**
   * The job's current state, then every change until it succeeds or fails. Subscribes before reading the row, so a
   * change between the two is not lost (at worst one state arrives twice).
   */
  async *follow(tenantId: string, id: string): AsyncGenerator<IngestionJob> {
    const updates = this.progress.subscribe('job', id);
    try {
      const current = await this.get(tenantId, id);
      if (!current) return;
      yield current;
      if (isTerminal(current.status)) return;
      for await (const job of pipe(updates, filter((job: IngestionJob) => job.tenantId === tenantId))) {
        yield job;
        if (isTerminal(job.status)) return;
      }
    } finally {
      await updates.return?.();
    }
  }
}
