import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const INGESTION_JOB_STATUSES = ['QUEUED', 'EXTRACTING', 'CHUNKING', 'EMBEDDING', 'INDEXING', 'SUCCEEDED', 'FAILED'] as const;
export type IngestionJobStatus = (typeof INGESTION_JOB_STATUSES)[number];
export const isTerminal = (status: IngestionJobStatus) => status === 'SUCCEEDED' || status === 'FAILED';

export const IngestionJobEntity = defineEntity({
  name: 'IngestionJob',
  tableName: 'ingestion_jobs',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    requestedBy: p.string(),
    /** INGEST (one document) or REINDEX (a scope, or every document). */
    kind: p.string(),
    status: p.string().$type<IngestionJobStatus>(),
    title: p.string().nullable(),
    scope: p.string().nullable(),
    documentId: p.uuid().nullable(),
    /** The content was already indexed: `documentId` is the existing document. */
    deduplicated: p.boolean(),
    documentsTotal: p.integer(),
    documentsDone: p.integer(),
    chunksTotal: p.integer(),
    chunksEmbedded: p.integer(),
    errorCode: p.string().nullable(),
    errorMessage: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    /** Until when the replica running the job vouches for it; an unfinished job past it may be claimed again. */
    leaseUntil: p.datetime().nullable(),
    /** The replica (worker ID) that last claimed the job. */
    claimedBy: p.string().nullable(),
    /** Claims so far; a job claimed more than the queue allows fails with INGESTION_ABANDONED. */
    attempts: p.integer(),
  },
});

export type IngestionJob = InferEntity<typeof IngestionJobEntity>;
