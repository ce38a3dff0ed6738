import { createHash } from 'node:crypto';
import type { SubgraphName } from '../config.js';
import type { SubgraphDependencies } from '../server/subgraph-definition.js';
import type { Cache } from './cache.js';
import { createCache } from './create-cache.js';

/**
 * A subgraph's cache: Redis when REDIS_URL is set (shared by every replica), else an in-process LRU. Keys are prefixed
 * with the database they describe (URL and schema), so deployments and test runs sharing a Redis never read each
 * other's entries.
 */
export function createSubgraphCache(
  subgraph: SubgraphName,
  databaseSchema: string,
  { config, logger }: Pick<SubgraphDependencies, 'config' | 'logger'>,
): Cache {
  const origin = createHash('sha256')
    .update(`${config.databaseUrlFor(subgraph)}#${databaseSchema}`)
    .digest('hex')
    .slice(0, 12);
  return createCache({
    redisUrl: config.REDIS_URL,
    logger: logger.child({ component: `${subgraph}-cache` }),
    keyPrefix: `ragline:cache:${databaseSchema}:${origin}:`,
  });
}
