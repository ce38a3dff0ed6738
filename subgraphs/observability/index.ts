import { observabilityMigrations } from '../../db/migrations/observability/index.js';
import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import { databaseAndBusReadiness } from '../../platform/server/database-and-bus-readiness.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createObservabilityContext, type ObservabilityContext } from './context.js';
import { LlmCallEntity } from './llm-usage/llm-call.entity.js';
import { LlmUsageResolver } from './llm-usage/llm-usage.resolver.js';
import { DeadLetterAdmin } from './dead-letters/dead-letter-admin.js';
import { DeadLetterResolver } from './dead-letters/dead-letter.resolver.js';
import { OrderActivityEntity } from './order-activity/order-activity.entity.js';
import { startOrderActivityConsumer } from './order-activity/order-activity-consumer.js';
import { OrderActivityRepository } from './order-activity/order-activity-repository.js';
import { OrderTimelineResolver } from './order-activity/order-timeline.resolver.js';
import { OrderTimelineOwner } from './order-activity/order-timeline.type.js';
import { OrderTimelineService } from './order-activity/order-timeline-service.js';
import { startLlmUsageConsumer } from './llm-usage/llm-usage-consumer.js';
import { LlmUsageRepository } from './llm-usage/llm-usage-repository.js';
import { LlmUsageService } from './llm-usage/llm-usage-service.js';
import { startMessageRatingConsumer } from './prompt-experiments/message-rating-consumer.js';
import { MessageRatingRepository } from './prompt-experiments/message-rating-repository.js';
import { PromptExperimentRepository } from './prompt-experiments/prompt-experiment-repository.js';
import { PromptExperimentResolver } from './prompt-experiments/prompt-experiment.resolver.js';
import { PromptExperimentService } from './prompt-experiments/prompt-experiment-service.js';
import { startOperationTimingConsumer } from './operation-timings/operation-timing-consumer.js';
import { OperationTimingRepository } from './operation-timings/operation-timing-repository.js';
import { OperationTimingResolver } from './operation-timings/operation-timing.resolver.js';
import { OperationTimingService } from './operation-timings/operation-timing-service.js';

export const observabilitySubgraph: SubgraphDefinition<ObservabilityContext> = {
  name: 'observability',
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [LlmUsageResolver, PromptExperimentResolver, OperationTimingResolver, OrderTimelineResolver, DeadLetterResolver],
      orphanedTypes: [OrderTimelineOwner],
      // The gateway sends {__typename, id}; the timeline resolver does the (batched, scoped) loading.
      referenceResolvers: { Order: (reference) => reference },
    }),

  database: { entities: [LlmCallEntity, OrderActivityEntity], migrations: observabilityMigrations },

  async start(dependencies) {
    const { bus, logger } = dependencies;
    const database = await openSubgraphDatabaseFor(observabilitySubgraph, dependencies);
    const calls = new LlmUsageRepository(database);
    const activity = new OrderActivityRepository(database);
    const ratings = new MessageRatingRepository(database);
    const timings = new OperationTimingRepository(database);
    const consumers = await Promise.all([
      startLlmUsageConsumer({
        bus,
        calls,
        logger: logger.child({ component: 'llm-usage-consumer' }),
        retry: dependencies.config.eventRetry,
      }),
      startMessageRatingConsumer({
        bus,
        ratings,
        logger: logger.child({ component: 'message-rating-consumer' }),
        retry: dependencies.config.eventRetry,
      }),
      startOperationTimingConsumer({
        bus,
        timings,
        logger: logger.child({ component: 'operation-timing-consumer' }),
        retry: dependencies.config.eventRetry,
      }),
      startOrderActivityConsumer({
        bus,
        activity,
        logger: logger.child({ component: 'order-activity-consumer' }),
        retry: dependencies.config.eventRetry,
      }),
    ]).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    const services = {
      llmUsage: new LlmUsageService(calls),
      promptExperiments: new PromptExperimentService(new PromptExperimentRepository(database)),
      operationTimings: new OperationTimingService(timings),
      timelines: new OrderTimelineService(activity),
      deadLetters: new DeadLetterAdmin(bus),
    };
    return {
      createContext: (caller) => createObservabilityContext(caller, services),
      checkReadiness: databaseAndBusReadiness(database, bus),
      async close() {
        await Promise.all(consumers.map((consumer) => consumer.stop()));
        await database.close();
      },
    };
  },
};
