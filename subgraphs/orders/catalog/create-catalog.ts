import type { EntityManager } from '@mikro-orm/sql';
import { createSubgraphCache } from '../../../platform/cache/create-subgraph-cache.js';
import type { SubgraphDependencies } from '../../../platform/server/subgraph-definition.js';
import { CatalogService } from './catalog-service.js';
import { CatalogCache } from './catalog-cache.js';
import { ProductRepository } from './product-repository.js';

/** The catalog service with its cache (see createSubgraphCache for where entries live). */
export function createCatalog(
  database: { em(): EntityManager; schema: string },
  dependencies: Pick<SubgraphDependencies, 'config' | 'logger'>,
): { service: CatalogService; close(): Promise<void> } {
  const cache = createSubgraphCache('orders', database.schema, dependencies);
  const service = new CatalogService(
    new ProductRepository(() => database.em()),
    new CatalogCache(cache, { logger: dependencies.logger.child({ component: 'catalog-cache' }) }),
  );
  return { service, close: () => cache.close() };
}
