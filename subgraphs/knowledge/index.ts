import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { knowledgeMigrations } from '../../db/migrations/knowledge/index.js';
import { seedKnowledge } from './seed-demo-tenant.js';
import { createSubgraphCache } from '../../platform/cache/create-subgraph-cache.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import { databaseAndBusReadiness } from '../../platform/server/database-and-bus-readiness.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createKnowledgeContext, type KnowledgeContext } from './context.js';
import { createEmbedder } from './embeddings/create-embedder.js';
import { DocumentEntity } from './documents/document.entity.js';
import { IngestionJobEntity } from './ingestion/ingestion-job.entity.js';
import { DocumentResolver, OrderHelpResolver } from './documents/document.resolver.js';
import { OrderHelpType } from './documents/document.type.js';
import { IngestionResolver } from './ingestion/ingestion.resolver.js';
import { SearchResolver } from './search/search.resolver.js';
import { createReranker } from './rerank/create-reranker.js';
import { ChunkTable } from './search/chunk-table.js';
import { staleChunkCount } from './search/search-repository.js';
import { SearchService } from './search/search-service.js';
import { DocumentService } from './documents/document-service.js';
import { DocumentStore } from './ingestion/document-write-repository.js';
import { bulkWriterFor } from './ingestion/pglite-bulk-write-repository.js';
import { HelpArticlesCache } from './help-articles/help-articles-cache.js';
import { IngestionJobs } from './ingestion/ingestion-job-service.js';
import { IngestionService } from './ingestion/ingestion-service.js';

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

  async start(dependencies) {
    const { bus, config, logger } = dependencies;
    const embedder = await createEmbedder(config);
    const database = await openSubgraphDatabaseFor(knowledgeSubgraph, dependencies);
    const em = () => database.em();
    const table = ChunkTable.for(em(), embedder);
    await table.ensureVectorIndex(em());

    const cache = createSubgraphCache('knowledge', database.schema, dependencies);
    const documents = new DocumentService(em);
    const helpArticles = new HelpArticlesCache(cache, (tenant, statuses) => documents.forOrderStatuses(tenant, statuses), logger.child({ component: 'help-articles-cache' }));
    const store = new DocumentStore(em, table, bulkWriterFor(database, table));
    const jobs = new IngestionJobs(em);
    const search = new SearchService(em, table, embedder, store, createReranker(config));
    const ingestion = new IngestionService(em, jobs, store, { embedder }, logger.child({ component: 'ingestion' }), async (tenant) => {
      search.forgetStaleCount(tenant);
      await helpArticles.invalidate(tenant);
    });
    await table.analyze(em());
    logger.info({ embedder: embedder.id, dimensions: embedder.dimensions, reranker: search.rerankerId }, 'knowledge index ready');

    return {
      createContext: (caller) => createKnowledgeContext(caller, { documents, store, ingestion, jobs, search, helpArticles }),
      checkReadiness: databaseAndBusReadiness(database, bus),
      async seedDemoTenant() {
        await seedKnowledge(em(), ingestion, (tenant) => staleChunkCount(em(), table, tenant));
        await table.analyze(em());
      },
      async close() {
        await ingestion.idle();
        await cache.close();
        await database.close();
      },
    };
  },
};
