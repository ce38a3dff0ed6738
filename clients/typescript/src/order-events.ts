import { OrderEventsDocument, type OrderEventsSubscription } from '../generated/graphql.js';
import { toRaglineError } from './errors.js';
import type { RaglineClient } from './ragline-client.js';

export type OrderEvent = OrderEventsSubscription['orderEvents'];

export interface FollowOrdersOptions {
  /** Follow one order; omitted: every order the caller may see (staff: the tenant's kitchen board). */
  orderId?: string;
  /** Resume after this event (an eventId a previous session saw). */
  after?: string;
  /** Called when the server no longer keeps the resume point: refetch what you show, events continue live. */
  onResync?: () => void;
}

/**
 * Order events that survive reconnects: graphql-ws re-sends the subscription on every new socket, and the variables
 * are serialised afresh each time, so `after` always names the last event seen; the server replays what was missed
 * and the SDK drops any event it already delivered.
 */
export async function* followOrders(client: RaglineClient, options: FollowOrdersOptions = {}): AsyncGenerator<OrderEvent> {
  let lastEventId = options.after;
  const seen = new Set<string>();
  for (;;) {
    const variables = {
      ...(options.orderId ? { orderId: options.orderId } : {}),
      get after() {
        return lastEventId;
      },
    };
    const stream = client.subscribe(OrderEventsDocument, variables as { orderId?: string; after?: string });
    try {
      for await (const { orderEvents } of stream) {
        if (seen.has(orderEvents.eventId)) continue;
        seen.add(orderEvents.eventId);
        if (seen.size > 10_000) seen.delete(seen.values().next().value!);
        lastEventId = orderEvents.eventId;
        yield orderEvents;
      }
      return;
    } catch (cause) {
      if (toRaglineError(cause).code !== 'RESUME_POINT_UNKNOWN') throw cause;
      lastEventId = undefined;
      options.onResync?.();
    } finally {
      await stream.return?.();
    }
  }
}
