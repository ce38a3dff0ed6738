import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../../clients/typescript/src/index.js';
import { DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import { CuttableTcpProxy } from '../support/cuttable-tcp-proxy.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';

const margherita = stableId(DEMO_TENANT, 'product', 'margherita');

/** The SDK's streaming helpers through the gateway: a chat answer's events, and order events that survive a dropped socket. */
describe('the SDK: chat streaming and resumable order events through the gateway', () => {
  let supergraph: TestSupergraph;
  let proxy: CuttableTcpProxy;
  const orderSubscribers = () =>
    readMetric(supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics'), 'ragline_order_event_subscribers');

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '' });
    const gateway = new URL(supergraph.gateway.url);
    proxy = new CuttableTcpProxy({ host: gateway.hostname, port: Number(gateway.port) });
    await proxy.start();
  });
  afterAll(async () => {
    await proxy?.close();
    await supergraph?.close();
  });

  it('iterates an answer token by token, with its tool calls, to the completed message', async () => {
    const client = sdk.createRaglineClient({ url: supergraph.gateway.url, token: await supergraph.token({ sub: 'sdk-chat' }) });
    try {
      const { startConversation } = await client.request(sdk.StartConversationDocument, { title: 'sdk stream' });
      const menu = await sdk.ask(client, startConversation.id, 'Show me the pizza menu');
      for await (const _ of menu.events);
      const { answer, events } = await sdk.ask(client, startConversation.id, "I'd like 2 Margherita Pizza");
      expect(answer.status).toBe('PENDING');
      const seen: sdk.ChatEvent[] = [];
      for await (const event of events) seen.push(event);
      const kinds = seen.map((event) => event.__typename);
      expect(kinds.filter((kind) => kind === 'ChatTokenDelta').length).toBeGreaterThan(1);
      expect(kinds).toContain('ChatToolCallStarted');
      expect(kinds).toContain('ChatToolCallFinished');
      expect(kinds.at(-1)).toBe('ChatMessageCompleted');
      const text = seen.flatMap((event) => (event.__typename === 'ChatTokenDelta' ? [event.text] : [])).join('');
      const completed = seen.at(-1) as sdk.ChatEventOf<'ChatMessageCompleted'>;
      expect(completed.message.content).toBe(text);
      expect(text).toContain('Margherita Pizza');
    } finally {
      await client.close();
    }
  });

  it('resumes order events after the socket drops: missed events first, none twice, with a fresh token', async () => {
    let tokensIssued = 0;
    const customer = await supergraph.token({ sub: 'sdk-resume' });
    const staff = await supergraph.token({ sub: 'sdk-kitchen', roles: ['staff'] });
    const client = sdk.createRaglineClient({
      url: `http://127.0.0.1:${proxy.port}/graphql`,
      getToken: () => (tokensIssued++, supergraph.token({ sub: 'sdk-resume' })),
    });
    const direct = sdk.createRaglineClient({ url: supergraph.gateway.url, token: customer });
    const kitchen = sdk.createRaglineClient({ url: supergraph.gateway.url, token: staff });
    try {
      const { createOrder: order } = await direct.request(sdk.PlaceOrderDocument, {
        input: { items: [{ productId: margherita, quantity: 1 }] },
        idempotencyKey: 'sdk-resume-1',
      });
      const events = sdk.followOrders(client, { orderId: order.id });
      const received: sdk.OrderEvent[] = [];
      const reading = (async () => {
        for await (const event of events) {
          received.push(event);
          if (event.order.status === 'COMPLETED') return;
        }
      })();
      await waitFor(async () => (await orderSubscribers()) === 1, 'the SDK subscription', 15_000);
      await direct.request(sdk.UpdateOrderStatusDocument, { id: order.id, status: 'CONFIRMED', expectedVersion: 1 });
      await waitFor(() => received.length === 1, 'the CONFIRMED event', 15_000);

      await proxy.cut();
      await waitFor(async () => (await orderSubscribers()) === 0, 'the dropped subscription to close', 15_000);
      await kitchen.request(sdk.UpdateOrderStatusDocument, { id: order.id, status: 'PREPARING', expectedVersion: 2 });
      await kitchen.request(sdk.UpdateOrderStatusDocument, { id: order.id, status: 'READY', expectedVersion: 3 });
      await proxy.restore();

      await waitFor(() => received.length === 3, 'the missed events, replayed', 30_000);
      await waitFor(async () => (await orderSubscribers()) === 1, 'the resumed subscription', 15_000);
      await kitchen.request(sdk.UpdateOrderStatusDocument, { id: order.id, status: 'COMPLETED', expectedVersion: 4 });
      await reading;
      expect(received.map((event) => event.order.status)).toEqual(['CONFIRMED', 'PREPARING', 'READY', 'COMPLETED']);
      expect(new Set(received.map((event) => event.eventId)).size).toBe(4);
      expect(tokensIssued).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all([client.close(), direct.close(), kitchen.close()]);
    }
  }, 90_000);
});
