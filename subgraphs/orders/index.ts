import { ordersMigrations } from '../../db/migrations/orders/index.js';
import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import { databaseAndBusReadiness } from '../../platform/server/database-and-bus-readiness.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createCatalog } from './catalog/create-catalog.js';
import { createOrdersContext, type OrdersContext } from './context.js';
import { OrderEntity } from './ordering/order.entity.js';
import { TenantSettingsEntity } from './pricing/tenant-settings.entity.js';
import { PromotionRedemptionEntity } from './promotions/promotion-redemption.entity.js';
import { PromotionEntity } from './promotions/promotion.entity.js';
import { PromotionRepository } from './promotions/promotion-repository.js';
import { PromotionService } from './promotions/promotion-service.js';
import { ProductEntity } from './catalog/product.entity.js';
import { CatalogResolver } from './catalog/catalog.resolver.js';
import { OrderLineResolver, OrderResolver } from './ordering/order.resolver.js';
import { PromotionResolver } from './promotions/promotion.resolver.js';
import { QuoteResolver } from './pricing/quote.resolver.js';
import { OrderEventStream } from './ordering/order-event-stream.js';
import { OrderEventFanOut } from './ordering/order-event-fan-out.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxEntity } from './outbox/outbox.entity.js';
import { OutboxRepository } from './outbox/outbox-repository.js';
import { OrderService } from './ordering/order-service.js';
import { seedOrders, seedPromotions } from './seed-demo-tenant.js';
import { DEMO_TENANT } from '../../db/seed/demo-tenant.js';

export const ordersSubgraph: SubgraphDefinition<OrdersContext> = {
  name: 'orders',
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [CatalogResolver, OrderResolver, OrderLineResolver, QuoteResolver, PromotionResolver],
      referenceResolvers: {
        Product: (reference, context: OrdersContext) => context.productById.load(reference.id as string),
        Order: (reference, context: OrdersContext) => context.orderById.load(reference.id as string),
      },
    }),

  database: {
    entities: [ProductEntity, OrderEntity, OutboxEntity, TenantSettingsEntity, PromotionEntity, PromotionRedemptionEntity],
    migrations: ordersMigrations,
  },

  async start(dependencies) {
    const { bus, logger } = dependencies;
    const database = await openSubgraphDatabaseFor(ordersSubgraph, dependencies);
    const relay = new OutboxRelay(database, bus, logger.child({ component: 'outbox-relay' }));
    relay.start();
    const catalog = createCatalog(database, dependencies);
    const services = {
      catalog: catalog.service,
      orders: new OrderService(
        () => database.em(),
        () => relay.wake(),
      ),
      orderEvents: new OrderEventStream(
        new OrderEventFanOut(bus, logger.child({ component: 'order-event-fan-out' })),
        new OutboxRepository(() => database.em()),
      ),
      promotions: new PromotionService(new PromotionRepository(() => database.em())),
    };
    return {
      createContext: (caller) => createOrdersContext(caller, services),
      checkReadiness: databaseAndBusReadiness(database, bus),
      async seedDemoTenant() {
        await seedOrders(database.em());
        await seedPromotions(database.em());
        await catalog.service.forgetCachedReads(DEMO_TENANT);
      },
      async close() {
        await relay.stop();
        await catalog.close();
        await database.close();
      },
    };
  },
};
