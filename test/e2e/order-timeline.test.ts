import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetric, waitFor } from '../support/wait-for.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!, $key: String!) {
    createOrder(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;
const TIMELINE = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      id
      status
      timeline {
        type
        status
        orderVersion
        occurredAt
        recordedAt
      }
    }
  }
`;

describe('Order.timeline: order events consumed by the observability subgraph, joined through the gateway', () => {
  let supergraph: TestSupergraph;
  let alice: string;
  let orderId: string;

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    alice = await supergraph.token({ sub: 'alice' });
    const menu = await supergraph.request('{ products(first: 1) { edges { node { id } } } }', {}, { token: alice });
    const created = await supergraph.request(
      CREATE,
      { input: { items: [{ productId: menu.body.data.products.edges[0].node.id, quantity: 1 }] }, key: 'timeline-order-1' },
      { token: alice },
    );
    orderId = created.body.data.createOrder.id;
  });
  afterAll(() => supergraph?.close());

  it('shows the ORDER_CREATED event once the consumer group has recorded it', async () => {
    let timeline: any[] = [];
    await waitFor(async () => {
      const result = await supergraph.request(TIMELINE, { id: orderId }, { token: alice });
      timeline = result.body.data?.order?.timeline ?? [];
      return timeline.length > 0;
    }, 'the order event to be recorded');
    expect(timeline).toEqual([
      { type: 'ORDER_CREATED', status: 'PENDING', orderVersion: 1, occurredAt: expect.any(String), recordedAt: expect.any(String) },
    ]);
    expect(Date.parse(timeline[0].recordedAt)).toBeGreaterThanOrEqual(Date.parse(timeline[0].occurredAt));
    const metrics = supergraph.subgraphs.observability.url.replace(/graphql$/, 'metrics');
    expect(await readMetric(metrics, 'ragline_order_event_delivery_seconds_count')).toBeGreaterThanOrEqual(1);
  });

  it("never shows another customer's or another tenant's timeline, even to a direct entity lookup", async () => {
    const bob = await supergraph.token({ sub: 'bob' });
    expect((await supergraph.request(TIMELINE, { id: orderId }, { token: bob })).body.data.order).toBeNull();
    const entities = /* GraphQL */ `
      query ($reps: [_Any!]!) {
        _entities(representations: $reps) {
          ... on Order {
            timeline {
              type
            }
          }
        }
      }
    `;
    const direct = async (token: string) => {
      const response = await fetch(supergraph.subgraphs.observability.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: entities, variables: { reps: [{ __typename: 'Order', id: orderId }] } }),
      });
      return (await response.json()).data._entities[0].timeline;
    };
    expect(await direct(alice)).toHaveLength(1);
    expect(await direct(bob)).toEqual([]); // bob asks for alice's order directly: ownership comes from the events
    expect(await direct(await supergraph.token({ tenant: 'other-shop', sub: 'alice', roles: ['admin'] }))).toEqual([]);
  });
});
