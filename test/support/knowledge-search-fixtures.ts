import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { createLogger } from '../../platform/logger.js';
import { DocumentRepository } from '../../subgraphs/knowledge/documents/document-repository.js';
import type { Embedder } from '../../subgraphs/knowledge/embeddings/embedder.js';
import { DocumentWriteRepository } from '../../subgraphs/knowledge/ingestion/document-write-repository.js';
import { IngestionJobRepository } from '../../subgraphs/knowledge/ingestion/ingestion-job-repository.js';
import { IngestionJobService } from '../../subgraphs/knowledge/ingestion/ingestion-job-service.js';
import { IngestionService } from '../../subgraphs/knowledge/ingestion/ingestion-service.js';
import type { PreparedDocument } from '../../subgraphs/knowledge/ingestion/prepare-document.js';
import { OfflineReranker } from '../../subgraphs/knowledge/rerank/offline-reranker.js';
import { ChunkIndexRepository } from '../../subgraphs/knowledge/search/chunk-index-repository.js';
import { ChunkRepository } from '../../subgraphs/knowledge/search/chunk-repository.js';
import { ChunkTable } from '../../subgraphs/knowledge/search/chunk-table.js';
import { SearchRepository } from '../../subgraphs/knowledge/search/search-repository.js';
import { SearchService } from '../../subgraphs/knowledge/search/search-service.js';

/** Random unit vectors: enough rows to make a filtered HNSW scan come up short without iterative scans. */
export class RandomEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dimensions = 32) {
    this.id = `test-random:${dimensions}`;
  }
  async embed(texts: string[]): Promise<number[][]> {
    return texts.map(() => {
      const v = Array.from({ length: this.dimensions }, () => Math.random() - 0.5);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    });
  }
}

/** A prepared document of `chunks` random chunks, labelled `<label> part <n>`. */
export function syntheticDocument(embedder: RandomEmbedder, label: string, chunks: number): Promise<PreparedDocument> {
  return embedder.embed(Array.from({ length: chunks }, () => '')).then((vectors) => ({
    title: label,
    text: label,
    contentHash: randomBytes(16).toString('hex'),
    byteSize: label.length,
    chunks: vectors.map((embedding, index) => ({
      index,
      text: `${label} part ${index}`,
      tokenCount: 3,
      start: 0,
      end: 0,
      headingPath: [],
      oversized: false,
      embedding,
    })),
  }));
}

/** The knowledge subgraph's repositories and search and ingestion services over one database, as the subgraph wires them. */
export function knowledgeSearchServices(em: () => EntityManager, embedder: Embedder) {
  const logger = createLogger({ level: 'silent', service: 'test' });
  const table = ChunkTable.for(em(), embedder);
  const chunks = new ChunkRepository(em, table);
  const chunkIndex = new ChunkIndexRepository(em, table);
  const searchRepository = new SearchRepository(em, table);
  const documents = new DocumentRepository(em, chunks);
  const store = new DocumentWriteRepository(em, documents, chunks);
  const search = new SearchService(searchRepository, chunks, embedder, new OfflineReranker());
  const jobs = new IngestionJobService(new IngestionJobRepository(em));
  const ingestion = new IngestionService(jobs, documents, store, chunkIndex, { embedder }, logger, async (tenant) =>
    search.forgetStaleCount(tenant),
  );
  return { table, chunkIndex, searchRepository, store, search, ingestion };
}
