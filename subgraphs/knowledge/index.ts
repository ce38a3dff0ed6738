import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { knowledgeMigrations } from '../../db/migrations/knowledge/index.js';
import { seedKnowledge } from '../../db/seed/seed-knowledge.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import { databaseAndBusReadiness } from '../../platform/server/database-and-bus-readiness.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createKnowledgeContext, type KnowledgeContext } from './context.js';
import { DocumentEntity } from './entities/document.entity.js';
import { DocumentResolver, OrderHelpResolver } from './graphql/document.resolver.js';
import { OrderHelpType } from './graphql/document.type.js';
import { DocumentService } from './services/document-service.js';
import { HelpArticlesCache } from './services/help-articles-cache.js';
import { createSubgraphCache } from '../../platform/cache/create-subgraph-cache.js';

export const knowledgeSubgraph: SubgraphDefinition<KnowledgeContext> = {
  name: 'knowledge',
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [DocumentResolver, OrderHelpResolver],
      // Order is reachable only through the gateway's entity lookups, so it must be named explicitly.
      orphanedTypes: [OrderHelpType],
      // The gateway sends {__typename, id, status} (status via @requires); nothing to load.
      referenceResolvers: { Order: (reference) => reference },
    }),

  database: { entities: [DocumentEntity], migrations: knowledgeMigrations, requiresVector: true },

  async start(dependencies) {
    const { bus } = dependencies;
    const database = await openSubgraphDatabaseFor(knowledgeSubgraph, dependencies);
    await seedKnowledge(database.em());
    const documents = new DocumentService(() => database.em());
    const cache = createSubgraphCache('knowledge', database.schema, dependencies);
    const helpArticles = new HelpArticlesCache(cache, (tenant, statuses) => documents.forOrderStatuses(tenant, statuses), dependencies.logger.child({ component: 'help-articles-cache' }));
    return {
      createContext: (caller) => createKnowledgeContext(caller, { documents, helpArticles }),
      checkReadiness: databaseAndBusReadiness(database, bus),
      async close() {
        await cache.close();
        await database.close();
      },
    };
  },
};
