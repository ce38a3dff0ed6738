import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { knowledgeMigrations } from '../../db/migrations/knowledge/index.js';
import { seedKnowledge } from './seed-demo-tenant.js';
import { createSubgraphCache } from '../../platform/cache/create-subgraph-cache.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import { databaseAndBusReadiness } from '../../platform/server/database-and-bus-readiness.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createKnowledgeContext, type KnowledgeContext } from './context.js';
import { DocumentEntity } from './documents/document.entity.js';
import { DocumentRepository } from './documents/document-repository.js';
import { DocumentResolver } from './documents/document.resolver.js';
import { DocumentService } from './documents/document-service.js';
import { createEmbedder } from './embeddings/create-embedder.js';
import { HelpArticlesCache } from './help-articles/help-articles-cache.js';
import { OrderHelpResolver } from './help-articles/order-help.resolver.js';
import { OrderHelpType } from './help-articles/order-help.type.js';
import { DocumentWriteRepository } from './ingestion/document-write-repository.js';
import { IngestionJobEntity } from './ingestion/ingestion-job.entity.js';
import { IngestionJobRepository } from './ingestion/ingestion-job-repository.js';
import { IngestionJobService } from './ingestion/ingestion-job-service.js';
import { INGESTION_LARGE_STRING_INPUTS } from './ingestion/ingestion-input.js';
import { IngestionResolver } from './ingestion/ingestion.resolver.js';
import { IngestionService } from './ingestion/ingestion-service.js';
import { bulkWriterFor } from './ingestion/pglite-bulk-write-repository.js';
import { createReranker } from './rerank/create-reranker.js';
import { ChunkIndexRepository } from './search/chunk-index-repository.js';
import { ChunkRepository } from './search/chunk-repository.js';
import { ChunkTable } from './search/chunk-table.js';
import { SearchRepository } from './search/search-repository.js';
import { SearchResolver } from './search/search.resolver.js';
import { SearchService } from './search/search-service.js';

export const knowledgeSubgraph: SubgraphDefinition<KnowledgeContext> = {
  name: 'knowledge',
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [DocumentResolver, OrderHelpResolver, IngestionResolver, SearchResolver],
      // Order is reachable only through the gateway's entity lookups, so it must be named explicitly.
      orphanedTypes: [OrderHelpType],
      // The gateway sends {__typename, id, status} (status via @requires); nothing to load.
      referenceResolvers: { Order: (reference) => reference },
    }),

  database: { entities: [DocumentEntity, IngestionJobEntity], migrations: knowledgeMigrations, requiresVector: true },
  largeStringInputs: INGESTION_LARGE_STRING_INPUTS,

  async start(dependencies) {
    const { bus, config, logger } = dependencies;
    const embedder = await createEmbedder(config);
    const database = await openSubgraphDatabaseFor(knowledgeSubgraph, dependencies);
    const em = () => database.em();
    const table = ChunkTable.for(em(), embedder);
    const chunkIndex = new ChunkIndexRepository(em, table);
    await chunkIndex.ensureVectorIndex();

    const chunkRepository = new ChunkRepository(em, table);
    const documentRepository = new DocumentRepository(em, chunkRepository);
    const writes = new DocumentWriteRepository(em, documentRepository, chunkRepository, bulkWriterFor(database, table));
    const cache = createSubgraphCache('knowledge', database.schema, dependencies);
    const documents = new DocumentService(documentRepository, chunkRepository);
    const helpArticles = new HelpArticlesCache(
      cache,
      (tenant, statuses) => documents.forOrderStatuses(tenant, statuses),
      logger.child({ component: 'help-articles-cache' }),
    );
    const jobs = new IngestionJobService(new IngestionJobRepository(em), {
      bus,
      logger: logger.child({ component: 'ingestion-progress' }),
    });
    const search = new SearchService(new SearchRepository(em, table), chunkRepository, embedder, createReranker(config));
    const ingestion = new IngestionService(
      jobs,
      documentRepository,
      writes,
      chunkIndex,
      { embedder },
      logger.child({ component: 'ingestion' }),
      async (tenant) => {
        search.forgetStaleCount(tenant);
        await helpArticles.invalidate(tenant);
      },
      { leaseMs: config.INGESTION_LEASE_MS, pollMs: config.INGESTION_POLL_MS, maxAttempts: config.INGESTION_MAX_ATTEMPTS },
    );
    // Jobs queued by other replicas, or left by one that died, are taken from the start.
    ingestion.start();
    await chunkIndex.analyze();
    logger.info({ embedder: embedder.id, dimensions: embedder.dimensions, reranker: search.rerankerId }, 'knowledge index ready');

    return {
      createContext: (caller) => createKnowledgeContext(caller, { documents, ingestion, jobs, search, helpArticles }),
      checkReadiness: databaseAndBusReadiness(database, bus),
      async seedDemoTenant() {
        await seedKnowledge(documentRepository, ingestion, (tenant) => chunkRepository.staleChunkCount(tenant));
        await chunkIndex.analyze();
      },
      async close() {
        await ingestion.close();
        await cache.close();
        await database.close();
      },
    };
  },
};
