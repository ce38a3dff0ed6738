import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { isUuid } from '../../../platform/is-uuid.js';
import { IngestionJobEntity, type IngestionJob } from './ingestion-job.entity.js';

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

/** The ingestion_jobs table. Every statement is scoped by tenant. */
export class IngestionJobRepository {
  constructor(private readonly em: () => EntityManager) {}

  async create(
    tenantId: string,
    requestedBy: string,
    kind: 'INGEST' | 'REINDEX',
    fields: { title?: string | null; scope?: string | null },
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
    });
    await em.flush();
    return job;
  }

  async get(tenantId: string, id: string): Promise<IngestionJob | null> {
    return isUuid(id) ? this.em().findOne(IngestionJobEntity, { tenantId, id }) : null;
  }

  /** Writes the changes and the times `next` carries (`updatedAt`, `finishedAt`). */
  async update(job: IngestionJob, changes: JobUpdate, next: Pick<IngestionJob, 'updatedAt' | 'finishedAt'>): Promise<void> {
    await this.em().nativeUpdate(
      IngestionJobEntity,
      { tenantId: job.tenantId, id: job.id },
      { ...changes, updatedAt: next.updatedAt, finishedAt: next.finishedAt },
    );
  }
}
