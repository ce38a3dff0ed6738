import { randomBytes } from 'node:crypto';
import type { SubgraphDatabase } from '../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { createLogger } from '../../platform/logger.js';
import type { Embedder } from '../../subgraphs/knowledge/embeddings/embedder.js';
import type { Reranker } from '../../subgraphs/knowledge/rerank/reranker.js';
import { DocumentRepository } from '../../subgraphs/knowledge/documents/document-repository.js';
import { DocumentWriteRepository } from '../../subgraphs/knowledge/ingestion/document-write-repository.js';
import { IngestionJobRepository } from '../../subgraphs/knowledge/ingestion/ingestion-job-repository.js';
import { IngestionJobService } from '../../subgraphs/knowledge/ingestion/ingestion-job-service.js';
import { IngestionService } from '../../subgraphs/knowledge/ingestion/ingestion-service.js';
import { bulkWriterFor } from '../../subgraphs/knowledge/ingestion/pglite-bulk-write-repository.js';
import { ChunkIndexRepository } from '../../subgraphs/knowledge/search/chunk-index-repository.js';
import { ChunkRepository } from '../../subgraphs/knowledge/search/chunk-repository.js';
import { ChunkTable } from '../../subgraphs/knowledge/search/chunk-table.js';
import { SearchRepository } from '../../subgraphs/knowledge/search/search-repository.js';
import { SearchService } from '../../subgraphs/knowledge/search/search-service.js';
import { openScratchKnowledgeDatabase } from '../support/scratch-knowledge-database.js';

export interface KnowledgeIndex {
  database: SubgraphDatabase;
  table: ChunkTable;
  chunks: ChunkRepository;
  chunkIndex: ChunkIndexRepository;
  searchRepository: SearchRepository;
  ingestion: IngestionService;
  search: SearchService;
  close(): Promise<void>;
}

/**
 * The knowledge subgraph's storage, ingestion and search services on their own (no HTTP), in a fresh schema of an
 * in-memory PGlite unless `url` says otherwise: what the evaluation and benchmark scripts measure.
 */
export async function openKnowledgeIndex(embedder: Embedder, reranker: Reranker, url = 'pglite:memory'): Promise<KnowledgeIndex> {
  const logger = createLogger({ level: 'warn', service: 'bench' });
  const database = await openScratchKnowledgeDatabase({ url, schema: `bench_${randomBytes(4).toString('hex')}`, logger });
  const em = () => database.em();
  const table = ChunkTable.for(em(), embedder);
  const chunks = new ChunkRepository(em, table);
  const chunkIndex = new ChunkIndexRepository(em, table);
  const searchRepository = new SearchRepository(em, table);
  const documents = new DocumentRepository(em, chunks);
  const writes = new DocumentWriteRepository(em, documents, chunks, bulkWriterFor(database, table));
  const search = new SearchService(searchRepository, chunks, embedder, reranker);
  const jobs = new IngestionJobService(new IngestionJobRepository(em));
  const ingestion = new IngestionService(jobs, documents, writes, chunkIndex, { embedder }, logger, async (tenant) =>
    search.forgetStaleCount(tenant),
  );
  return {
    database,
    table,
    chunks,
    chunkIndex,
    searchRepository,
    ingestion,
    search,
    async close() {
      await database.close();
      await closeAllEmbeddedPglite();
    },
  };
}
