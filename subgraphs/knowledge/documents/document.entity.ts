import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const DocumentEntity = defineEntity({
  name: 'Document',
  tableName: 'documents',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** Stable name of seeded documents; null for uploads. */
    slug: p.string().nullable(),
    title: p.string(),
    scope: p.string(),
    body: p.text(),
    tags: p.array(),
    appliesToOrderStatuses: p.array(),
    /** sha256 of the normalised extracted text; unique per tenant, which makes ingestion idempotent. */
    contentHash: p.string(),
    format: p.string(),
    metadata: p.json<Record<string, unknown>>(),
    byteSize: p.integer(),
    chunkCount: p.integer(),
    sourceName: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Document = InferEntity<typeof DocumentEntity>;
