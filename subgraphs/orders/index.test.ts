import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MENU, DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { loadConfig } from '../../platform/config.js';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { createEventBus } from '../../platform/events/create-event-bus.js';
import { createLogger } from '../../platform/logger.js';
import { ordersSubgraph } from './index.js';

afterAll(() => closeAllEmbeddedPglite());

describe('the orders subgraph runtime', () => {
  it('starts without the demo tenant, and seeding it refreshes catalog reads already cached', async () => {
    const logger = createLogger({ level: 'silent', service: 'test' });
    const bus = createEventBus({ logger });
    const runtime = await ordersSubgraph.start({
      config: loadConfig({ ORDERS_DATABASE_URL: 'pglite:memory' }),
      logger,
      bus,
      databaseSchema: `orders_start_${randomUUID().slice(0, 8)}`,
    });
    try {
      const context = runtime.createContext({
        requestId: 'r1',
        log: logger,
        principal: { userId: 'u', tenantId: DEMO_TENANT, roles: ['customer'] },
      });
      // A production start never seeds: the catalog is empty, and that empty page is now cached.
      expect((await context.catalog.listProducts(DEMO_TENANT, null, { first: 50 })).edges).toEqual([]);
      await runtime.seedDemoTenant!();
      const seeded = await context.catalog.listProducts(DEMO_TENANT, null, { first: 50 });
      expect(seeded.edges).toHaveLength(DEMO_MENU.length);
      // Seeding twice leaves what is there.
      await runtime.seedDemoTenant!();
      expect((await context.catalog.listProducts(DEMO_TENANT, null, { first: 50 })).edges).toHaveLength(DEMO_MENU.length);
    } finally {
      await runtime.close();
      await bus.close();
    }
  });
});
