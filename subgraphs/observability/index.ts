import { observabilityMigrations } from '../../db/migrations/observability/index.js';
import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createObservabilityContext, type ObservabilityContext } from './context.js';
import { LlmCallEntity } from './entities/llm-call.entity.js';
import { LlmUsageResolver } from './graphql/llm-usage.resolver.js';
import { startLlmUsageConsumer } from './services/llm-usage-consumer.js';
import { LlmUsageService } from './services/llm-usage-service.js';

export const observabilitySubgraph: SubgraphDefinition<ObservabilityContext> = {
  name: 'observability',
  buildSchema: () => buildFederatedSchema({ resolvers: [LlmUsageResolver] }),

  database: { entities: [LlmCallEntity], migrations: observabilityMigrations },

  async start(dependencies) {
    const { bus, logger } = dependencies;
    const database = await openSubgraphDatabaseFor(observabilitySubgraph, dependencies);
    const em = () => database.em();
    const consumer = await startLlmUsageConsumer({ bus, em, logger: logger.child({ component: 'llm-usage-consumer' }) }).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    const services = { llmUsage: new LlmUsageService(em, database.schema) };
    return {
      createContext: (caller) => createObservabilityContext(caller, services),
      async checkReadiness() {
        await Promise.all([database.ping(), bus.ping()]);
        return { database: 'ok', eventBus: 'ok' };
      },
      async close() {
        await consumer.stop();
        await database.close();
      },
    };
  },
};
