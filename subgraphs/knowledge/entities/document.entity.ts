import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const DocumentEntity = defineEntity({
  name: 'Document',
  tableName: 'documents',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    slug: p.string(),
    title: p.string(),
    scope: p.string(),
    body: p.text(),
    tags: p.array(),
    appliesToOrderStatuses: p.array(),
    contentHash: p.string(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Document = InferEntity<typeof DocumentEntity>;
