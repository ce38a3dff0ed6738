import type { Client } from 'graphql-ws';
import { wsClient } from '../support/ws-client.js';

/**
 * What a customer's order tracker asks for: the event, the order's status and total, its lines, and the help articles
 * for its current status (how to cancel while PENDING, ...), which the knowledge subgraph answers: one follow-up fetch
 * per event.
 */
export const CUSTOMER_TRACKER = /* GraphQL */ `
  subscription CustomerOrderTracker {
    orderEvents {
      eventId
      type
      occurredAt
      previousStatus
      order {
        id
        customerId
        status
        totalCents
        currency
        updatedAt
        lines {
          name
          quantity
        }
        helpArticles {
          title
        }
      }
    }
  }
`;

/** The tracker without help articles: isolates the follow-up fetch's cost in a comparison. */
export const CUSTOMER_TRACKER_WITHOUT_HELP = CUSTOMER_TRACKER.replace(/helpArticles \{\s*title\s*\}/, '');

/** What a staff (kitchen) board asks for: everything the orders subgraph answers itself, so no follow-up fetch. */
export const STAFF_BOARD = /* GraphQL */ `
  subscription StaffOrderBoard {
    orderEvents {
      eventId
      type
      occurredAt
      previousStatus
      order {
        id
        customerId
        status
        version
        createdAt
        totalCents
        lines {
          name
          quantity
          notes
        }
      }
    }
  }
`;

/** The earlier scenario's selection: staff boards that also ask for help articles (a knowledge fetch per event each). */
export const STAFF_WITH_HELP = /* GraphQL */ `
  subscription {
    orderEvents {
      eventId
      occurredAt
      order {
        id
        customerId
        status
        totalCents
        helpArticles {
          title
        }
      }
    }
  }
`;

/** One subscribed client and what it saw. */
export class BenchSubscriber {
  readonly client: Client;
  readonly latencies: number[] = [];
  /** Order IDs of the events received, in arrival order. */
  readonly received: string[] = [];
  /** Events of orders this subscriber must not see (another customer's), and events whose payload was incomplete. */
  foreign = 0;
  malformed = 0;
  errors = 0;
  private dispose: () => void = () => {};

  constructor(
    url: string,
    /** The client's one token: it subscribes and (customers) places orders with it. */
    readonly token: string,
    readonly userId: string,
    /** Customers see their own orders only; staff every order of the tenant. */
    readonly role: 'customer' | 'staff',
  ) {
    this.client = wsClient(url, { authorization: `Bearer ${token}` });
  }

  subscribe(query: string, needsHelpArticles: boolean): void {
    this.dispose = this.client.subscribe<any>(
      { query },
      {
        next: (result) => {
          const receivedAt = Date.now();
          if (result.errors) this.errors += 1;
          const event = result.data?.orderEvents;
          if (!event?.occurredAt || !event.order?.id) return void (this.malformed += 1);
          if (needsHelpArticles && !Array.isArray(event.order.helpArticles)) this.malformed += 1;
          if (this.role === 'customer' && event.order.customerId !== this.userId) this.foreign += 1;
          this.received.push(event.order.id);
          this.latencies.push(receivedAt - Date.parse(event.occurredAt));
        },
        error: () => void (this.errors += 1),
        complete: () => undefined,
      },
    );
  }

  async close(): Promise<void> {
    this.dispose();
    await this.client.dispose();
  }
}

/**
 * Compares what each subscriber received with the orders it should have seen: missing events, duplicates, and events
 * out of order (against `reference`, one subscriber's arrival order: the bus is one ordered stream, so every subscriber
 * must see its events in the same relative order).
 */
export function deliveryReport(
  subscribers: BenchSubscriber[],
  expectedFor: (subscriber: BenchSubscriber) => string[],
  reference: string[],
) {
  const position = new Map(reference.map((id, index) => [id, index]));
  let expected = 0;
  let missing = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let subscribersMissingEvents = 0;
  for (const subscriber of subscribers) {
    const wanted = expectedFor(subscriber);
    expected += wanted.length;
    const seen = new Set(subscriber.received);
    duplicates += subscriber.received.length - seen.size;
    const absent = wanted.filter((id) => !seen.has(id)).length;
    missing += absent;
    if (absent > 0) subscribersMissingEvents += 1;
    let last = -1;
    for (const id of subscriber.received) {
      const at = position.get(id);
      if (at === undefined) continue;
      if (at < last) outOfOrder += 1;
      last = Math.max(last, at);
    }
  }
  return { expected, missing, duplicates, outOfOrder, subscribersMissingEvents };
}
