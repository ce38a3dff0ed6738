import type { EventBus } from '../../../platform/events/event-bus.js';
import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { createLogger, type Logger } from '../../../platform/logger.js';
import { isTerminal, type IngestionJob } from './ingestion-job.entity.js';
import type { ClaimedJob, IngestionJobRepository, JobClaim, JobUpdate } from './ingestion-job-repository.js';
import type { IngestRequest } from './ingest-request.js';

/** Every job change of every replica, for `ingestionProgress` subscribers on any replica. */
export const INGESTION_PROGRESS_STREAM = 'knowledge.ingestion-progress';

/**
 * Ingestion job rows and their live progress. Rows are the truth (`ingestionJob` reads them); each change is also
 * published on the event bus (Redis Streams when configured), so a subscriber reaching any replica follows a job that
 * runs on another.
 */
export class IngestionJobService {
  private readonly bus: EventBus;
  private readonly logger: Logger;

  /** Without a bus, progress stays in this process (a bus of its own): enough for one replica and for tests. */
  constructor(
    private readonly jobs: IngestionJobRepository,
    progress?: { bus: EventBus; logger: Logger },
  ) {
    this.logger = progress?.logger ?? createLogger({ level: 'silent', service: 'knowledge' });
    this.bus = progress?.bus ?? new InProcessEventBus({ logger: this.logger });
  }

  create(
    tenantId: string,
    requestedBy: string,
    kind: 'INGEST' | 'REINDEX',
    fields: { title?: string | null; scope?: string | null },
    request?: IngestRequest,
    claim?: JobClaim,
  ): Promise<IngestionJob> {
    return this.jobs.create(tenantId, requestedBy, kind, fields, request, claim);
  }

  get(tenantId: string, id: string): Promise<IngestionJob | null> {
    return this.jobs.get(tenantId, id);
  }

  claim(worker: string, leaseMs: number): Promise<ClaimedJob | null> {
    return this.jobs.claim(worker, leaseMs);
  }

  renewLease(job: IngestionJob, worker: string, leaseMs: number): Promise<boolean> {
    return this.jobs.renewLease(job, worker, leaseMs);
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
    // Progress is a courtesy on top of the row: a failed publish is logged, never fails the job.
    const { leaseUntil: _lease, claimedBy: _worker, ...visible } = next;
    this.bus
      .publish(INGESTION_PROGRESS_STREAM, { type: 'ingestion.progress', tenantId: job.tenantId, payload: visible })
      .catch((err: unknown) => this.logger.warn({ err, jobId: job.id }, 'publishing ingestion progress failed'));
    return next;
  }

  /**
   * The job's current state, then every change until it succeeds or fails. Subscribes before reading the row, so a
   * change between the two is not lost (at worst one state arrives twice).
   */
  async *follow(tenantId: string, id: string): AsyncGenerator<IngestionJob> {
    const updates = this.bus.subscribe(INGESTION_PROGRESS_STREAM);
    try {
      const current = await this.get(tenantId, id);
      if (!current) return;
      yield current;
      if (isTerminal(current.status)) return;
      for await (const event of updates) {
        const job = event.payload as IngestionJob;
        if (event.tenantId !== tenantId || job.id !== id) continue;
        const revived = { ...job, createdAt: new Date(job.createdAt), updatedAt: new Date(job.updatedAt) };
        yield { ...revived, finishedAt: job.finishedAt ? new Date(job.finishedAt) : null };
        if (isTerminal(job.status)) return;
      }
    } finally {
      await updates.return?.();
    }
  }
}
