import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

const COUNT = /* GraphQL */ `
  query {
    deadLetterCount(consumer: ORDER_ACTIVITY)
  }
`;
const LIST = /* GraphQL */ `
  query {
    deadLetters(consumer: ORDER_ACTIVITY, first: 10) {
      letters {
        id
        eventId
        eventType
        attempts
        errorName
        errorMessage
        payload
      }
      hasNextPage
    }
  }
`;

describe('a poison order event through retries, the dead-letter stream and the admin API', () => {
  let supergraph: TestSupergraph;
  let admin: string;
  let poisonEventId: string;
  const count = async (token = admin) => (await supergraph.request(COUNT, {}, { token })).body.data?.deadLetterCount as number;

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ EVENT_MAX_ATTEMPTS: '3', EVENT_RETRY_BASE_MS: '10', EVENT_RETRY_MAX_MS: '40' });
    admin = await supergraph.token({ sub: 'ada', roles: ['admin'] });
    // A producer bug: right stream and type, wrong shape. It must not block the group or vanish silently.
    const poison = await supergraph.bus.publish('order-events', {
      type: 'ORDER_CREATED',
      tenantId: 'demo',
      payload: { schema: 'order_v0', order: 'garbage' },
    });
    poisonEventId = poison.eventId;
    await supergraph.bus.publish('order-events', { type: 'ORDER_CREATED', tenantId: 'other-shop', payload: { broken: true } });
  });
  afterAll(() => supergraph?.close());

  it('lands in the dead-letter stream after the configured attempts, with its error, visible to its tenant admin only', async () => {
    await waitFor(async () => (await count()) === 1, 'the poison event to be dead-lettered', 15_000);
    const { body } = await supergraph.request(LIST, {}, { token: admin });
    expect(body.data.deadLetters.letters).toEqual([
      expect.objectContaining({
        eventId: poisonEventId,
        eventType: 'ORDER_CREATED',
        attempts: 3,
        errorName: 'PoisonEventError',
        errorMessage: expect.stringContaining('not an order_v1 event'),
      }),
    ]);
    expect(JSON.parse(body.data.deadLetters.letters[0].payload)).toEqual({ schema: 'order_v0', order: 'garbage' });
    const otherAdmin = await supergraph.token({ tenant: 'other-shop', sub: 'olga', roles: ['admin'] });
    await waitFor(async () => (await count(otherAdmin)) === 1, "the other tenant's poison event");
    const theirs = await supergraph.request(LIST, {}, { token: otherAdmin });
    expect(theirs.body.data.deadLetters.letters.map((letter: any) => letter.eventId)).not.toContain(poisonEventId);
    const staff = await supergraph.request(COUNT, {}, { token: await supergraph.token({ sub: 'sam', roles: ['staff'] }) });
    expect(staff.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('does not hold up the events behind it', async () => {
    const customer = await supergraph.token({ sub: 'alice' });
    const menu = await supergraph.request('{ products(first: 1) { edges { node { id } } } }', {}, { token: customer });
    const created = await supergraph.request(
      `mutation($p: ID!) { createOrder(input: {items: [{productId: $p, quantity: 1}]}, idempotencyKey: "after-poison-1") { id } }`,
      { p: menu.body.data.products.edges[0].node.id },
      { token: customer },
    );
    const orderId = created.body.data.createOrder.id;
    await waitFor(
      async () =>
        (await supergraph.request(`query($id: ID!) { order(id: $id) { timeline { type } } }`, { id: orderId }, { token: customer })).body
          .data.order.timeline.length === 1,
      'the next order event to be recorded',
    );
  });

  it("reprocesses a letter (it fails again and returns), refuses another tenant's letter, and discards", async () => {
    const before = (await supergraph.request(LIST, {}, { token: admin })).body.data.deadLetters.letters[0];
    const otherAdmin = await supergraph.token({ tenant: 'other-shop', sub: 'olga', roles: ['admin'] });
    const stolen = await supergraph.request(
      `mutation($id: ID!) { reprocessDeadLetter(consumer: ORDER_ACTIVITY, id: $id) }`,
      { id: before.id },
      { token: otherAdmin },
    );
    expect(stolen.body.errors?.[0].extensions.code).toBe('NOT_FOUND');

    const reprocessed = await supergraph.request(
      `mutation($id: ID!) { reprocessDeadLetter(consumer: ORDER_ACTIVITY, id: $id) }`,
      { id: before.id },
      { token: admin },
    );
    expect(reprocessed.body.data.reprocessDeadLetter).toBe(true);
    let after: any;
    await waitFor(async () => {
      after = (await supergraph.request(LIST, {}, { token: admin })).body.data.deadLetters.letters[0];
      return after !== undefined && after.id !== before.id;
    }, 'the reprocessed event to die again');
    expect(after).toMatchObject({ eventId: poisonEventId, attempts: 3 });

    const discarded = await supergraph.request(`mutation { discardDeadLetters(consumer: ORDER_ACTIVITY) }`, {}, { token: admin });
    expect(discarded.body.data.discardDeadLetters).toBe(1);
    expect(await count()).toBe(0);
    expect(await count(otherAdmin)).toBe(1);
  });
});
