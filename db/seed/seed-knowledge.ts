import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { DocumentEntity } from '../../subgraphs/knowledge/entities/document.entity.js';
import { DEMO_DOCUMENTS, DEMO_TENANT } from './demo-tenant.js';
import { stableId } from './stable-id.js';

/** Inserts the demo policies and FAQs once; existing rows are left alone. */
export async function seedKnowledge(em: EntityManager): Promise<void> {
  const now = new Date();
  const rows = DEMO_DOCUMENTS.map((document) => ({
    id: stableId(DEMO_TENANT, 'document', document.slug),
    tenantId: DEMO_TENANT,
    contentHash: createHash('sha256').update(document.body).digest('hex'),
    createdAt: now,
    updatedAt: now,
    ...document,
  }));
  await em.upsertMany(DocumentEntity, rows as never[], { onConflictFields: ['id'], onConflictAction: 'ignore' });
}
