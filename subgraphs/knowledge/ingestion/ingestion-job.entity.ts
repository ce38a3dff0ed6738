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
  },
});

export type IngestionJob = InferEntity<typeof IngestionJobEntity>;
