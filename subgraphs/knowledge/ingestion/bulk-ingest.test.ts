import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import { prepareDocument } from './prepare-document.js';
import { ChunkTable } from '../search/chunk-table.js';
import { scratchKnowledgeDatabasePerFile } from '../../../test/support/scratch-knowledge-database-per-file.js';
import { DocumentRepository } from '../documents/document-repository.js';
import { ChunkIndexRepository } from '../search/chunk-index-repository.js';
import { ChunkRepository } from '../search/chunk-repository.js';
import { DocumentWriteRepository } from './document-write-repository.js';
import { IngestionJobRepository } from './ingestion-job-repository.js';
import { IngestionJobService } from './ingestion-job-service.js';
import type { IngestRequest } from './ingest-request.js';
import { IngestionService } from './ingestion-service.js';
import { bulkWriterFor } from './pglite-bulk-write-repository.js';

const database = scratchKnowledgeDatabasePerFile();

const dishes = [
  'Margherita pizza with basil',
  'Pesto linguine with pine nuts',
  'Tiramisu with mascarpone',
  'Minestrone with beans',
  'Panna cotta with berries',
  'Risotto with porcini',
];
const requests = (texts: string[]): IngestRequest[] =>
  texts.map((text, i) => ({
    scope: 'menu',
    format: 'TEXT',
    title: `Dish ${i}`,
    content: `${text}. Served every day from noon.`,
    tags: [],
    metadata: {},
  }));

function services() {
  const embedder = LexicalEmbedder.fit(dishes);
  const em = () => database().em();
  const table = ChunkTable.for(em(), embedder);
  const chunks = new ChunkRepository(em, table);
  const documents = new DocumentRepository(em, chunks);
  const store = new DocumentWriteRepository(em, documents, chunks, bulkWriterFor(database(), table));
  const jobs = new IngestionJobService(new IngestionJobRepository(em));
  const ingestion = new IngestionService(
    jobs,
    documents,
    store,
    new ChunkIndexRepository(em, table),
    { embedder },
    createLogger({ level: 'silent', service: 'test' }),
  );
  return { embedder, table, ingestion };
}

async function storedVectors(table: ChunkTable, tenantId: string): Promise<Map<string, string>> {
  const rows = await database()
    .em()
    .execute<{ title: string; embedding: string }[]>(
      `select d.title, c.embedding::text as embedding from ${table.chunks} c join ${table.documents} d on d.id = c.document_id where c.tenant_id = ?`,
      [tenantId],
    );
  return new Map(rows.map((row) => [row.title, row.embedding]));
}

describe('bulkIngest', () => {
  it('stores every batch with the vectors single-document ingestion computes (batches after the first are prepared on a worker)', async () => {
    const { embedder, table, ingestion } = services();
    const ids = await ingestion.bulkIngest('bulk-ok', requests(dishes), { documentsPerTransaction: 2 });
    expect(ids).toHaveLength(dishes.length);
    const stored = await storedVectors(table, 'bulk-ok');
    expect(stored.size).toBe(dishes.length);
    for (const request of requests(dishes)) {
      const prepared = (await prepareDocument(request, { embedder }))!;
      const [expected] = await database()
        .em()
        .execute<{ embedding: string }[]>(`select ?::vector::text as embedding`, [`[${[...prepared.chunks[0]!.embedding].join(',')}]`]);
      expect(stored.get(request.title!)).toBe(expected!.embedding);
    }
  });

  it('stops at the batch holding an invalid document: earlier batches stay, it and later ones are not stored', async () => {
    const { table, ingestion } = services();
    const batch = requests(dishes);
    batch[3] = { ...batch[3]!, format: 'PDF', content: new TextEncoder().encode('no PDF header here') };
    const error = await ingestion.bulkIngest('bulk-bad', batch, { documentsPerTransaction: 2 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ extensions: { code: 'UNSUPPORTED_DOCUMENT' } });
    expect([...(await storedVectors(table, 'bulk-bad')).keys()].sort()).toEqual(['Dish 0', 'Dish 1']);
  });
});
