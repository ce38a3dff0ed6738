import { createPubSub, pipe, filter } from 'graphql-yoga';
import { isTerminal, type IngestionJob } from './ingestion-job.entity.js';
import type { IngestionJobRepository, JobUpdate } from './ingestion-job-repository.js';

/**
 * Ingestion job rows and their live progress. Rows are the truth (`ingestionJob` reads them); updates are also
 * published in-process, where the job runs, for `ingestionProgress` subscribers.
 */
export class IngestionJobService {
  private readonly progress = createPubSub<{ job: [jobId: string, job: IngestionJob] }>();

  constructor(private readonly jobs: IngestionJobRepository) {}

  create(
    tenantId: string,
    requestedBy: string,
    kind: 'INGEST' | 'REINDEX',
    fields: { title?: string | null; scope?: string | null },
  ): Promise<IngestionJob> {
    return this.jobs.create(tenantId, requestedBy, kind, fields);
  }

  get(tenantId: string, id: string): Promise<IngestionJob | null> {
    return this.jobs.get(tenantId, id);
  }

  async update(job: IngestionJob, changes: JobUpdate): Promise<IngestionJob> {
    const now = new Date();
    const next: IngestionJob = {
      ...job,
      ...changes,
      updatedAt: now,
      finishedAt: changes.status && isTerminal(changes.status) ? now : job.finishedAt,
    };
    await this.jobs.update(job, changes, next);
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
      for await (const job of pipe(
        updates,
        filter((job: IngestionJob) => job.tenantId === tenantId),
      )) {
        yield job;
        if (isTerminal(job.status)) return;
      }
    } finally {
      await updates.return?.();
    }
  }
}
