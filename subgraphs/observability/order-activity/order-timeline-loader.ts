import DataLoader from 'dataloader';
import type { OrderActivity } from './order-activity.entity.js';

/** Built by context.ts for each request; kept out of the resolver module so the context never imports the resolver that reads it. */
export function orderTimelineLoader(
  load: (orderIds: readonly string[]) => Promise<OrderActivity[][]>,
): DataLoader<string, OrderActivity[]> {
  return new DataLoader(load);
}
