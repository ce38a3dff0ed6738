import type { DocumentRepository } from './documents/document-repository.js';
import type { IngestionService } from './ingestion/ingestion-service.js';
import { DEMO_DOCUMENTS, type SeedDocument } from '../../db/seed/demo-documents.js';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';

const SEED_USER = 'seed';

/** The menu as a markdown document (one heading per dish): customers ask the assistant about dishes in words. */
export function demoMenuDocument(): SeedDocument {
  const euros = (cents: number) => `${(cents / 100).toFixed(2)} EUR`;
  const sections = DEMO_MENU.map((item) => {
    const diet = [item.vegan ? 'vegan' : item.vegetarian ? 'vegetarian' : null, item.glutenFree ? 'gluten-free' : null]
      .filter(Boolean)
      .join(', ');
    return [
      `## ${item.name}`,
      '',
      item.description,
      '',
      `- Category: ${item.category}`,
      `- Price: ${euros(item.priceCents)}`,
      `- Allergens: ${item.allergens.length ? item.allergens.join(', ') : 'none'}`,
      ...(diet ? [`- Diet: ${diet}`] : []),
      ...(item.available ? [] : ['- Currently not available']),
    ].join('\n');
  });
  return {
    slug: 'menu',
    title: 'Our menu',
    scope: 'menu',
    tags: ['menu'],
    appliesToOrderStatuses: [],
    body: `# Our menu\n\n${sections.join('\n\n')}\n`,
  };
}

/**
 * Ingests the demo policies, FAQs and menu through the real ingestion path (chunked, embedded, indexed), once:
 * documents whose slug is already there are left alone. `staleChunks` counts a tenant's chunks embedded by another
 * embedder than the configured one.
 */
export async function seedKnowledge(
  documents: DocumentRepository,
  ingestion: IngestionService,
  staleChunks: (tenantId: string) => Promise<number>,
): Promise<void> {
  const stored = await documents.slugsAndChunkCounts(DEMO_TENANT);
  // Seeded before chunks existed (migration 0002) or by an earlier embedder: index them now rather than leave the
  // demo unsearchable. Other tenants decide for themselves when to reindex (search says EMBEDDER_CHANGED until then).
  if (stored.some((row) => row.chunkCount === 0) || (stored.length > 0 && (await staleChunks(DEMO_TENANT)) > 0)) {
    await ingestion.submitReindex(DEMO_TENANT, SEED_USER, null);
    await ingestion.idle();
  }
  const existing = new Set(stored.map((row) => row.slug));
  for (const document of [...DEMO_DOCUMENTS, demoMenuDocument()]) {
    if (existing.has(document.slug)) continue;
    const job = await ingestion.ingestAndWait(DEMO_TENANT, SEED_USER, {
      id: stableId(DEMO_TENANT, 'document', document.slug),
      slug: document.slug,
      title: document.title,
      scope: document.scope,
      tags: document.tags,
      metadata: { seeded: true },
      appliesToOrderStatuses: document.appliesToOrderStatuses,
      format: 'MARKDOWN',
      content: document.body,
    });
    if (job.status !== 'SUCCEEDED') throw new Error(`Seeding ${document.slug} failed: ${job.errorCode} ${job.errorMessage}`);
  }
}
