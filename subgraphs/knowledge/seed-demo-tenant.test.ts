import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { LexicalEmbedder } from './embeddings/lexical-embedder.js';
import { DocumentRepository } from './documents/document-repository.js';
import { DocumentWriteRepository } from './ingestion/document-write-repository.js';
import { IngestionJobRepository } from './ingestion/ingestion-job-repository.js';
import { IngestionJobService } from './ingestion/ingestion-job-service.js';
import { IngestionService } from './ingestion/ingestion-service.js';
import { ChunkIndexRepository } from './search/chunk-index-repository.js';
import { ChunkRepository } from './search/chunk-repository.js';
import { ChunkTable } from './search/chunk-table.js';
import { DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { seedKnowledge } from './seed-demo-tenant.js';
import { scratchKnowledgeDatabasePerFile } from '../../test/support/scratch-knowledge-database-per-file.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const database = scratchKnowledgeDatabasePerFile();

function seeding(embedder: LexicalEmbedder) {
  const em = () => database().em();
  const table = ChunkTable.for(em(), embedder);
  const chunks = new ChunkRepository(em, table);
  const documents = new DocumentRepository(em, chunks);
  const jobs = new IngestionJobService(new IngestionJobRepository(em));
  const ingestion = new IngestionService(
    jobs,
    documents,
    new DocumentWriteRepository(em, documents, chunks),
    new ChunkIndexRepository(em, table),
    { embedder },
    logger,
  );
  return { table, chunks, seed: () => seedKnowledge(documents, ingestion, (tenant) => chunks.staleChunkCount(tenant)) };
}

describe('knowledge seed', () => {
  it('re-embeds the demo tenant when the configured embedder changed since it was seeded', async () => {
    const before = seeding(new LexicalEmbedder({ dimensions: 64 }));
    await before.seed();
    const after = seeding(new LexicalEmbedder({ dimensions: 128 }));
    const stale = await after.chunks.staleChunkCount(DEMO_TENANT);
    expect(stale).toBeGreaterThan(0);

    await after.seed();
    expect(await after.chunks.staleChunkCount(DEMO_TENANT)).toBe(0);
    const [row] = await database()
      .em()
      .execute<{ count: string }[]>(`select count(*) as count from ${after.table.chunks} where tenant_id = ?`, [DEMO_TENANT]);
    expect(Number(row!.count)).toBe(stale);
  }, 120_000);
});
