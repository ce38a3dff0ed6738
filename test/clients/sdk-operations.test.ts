import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../../clients/typescript/src/index.js';
import { DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';

const { createRaglineClient, persistedDocuments } = sdk;
const margherita = stableId(DEMO_TENANT, 'product', 'margherita');

/** Every generated operation document runs through the gateway with no errors, as the role a shop app would use. */
describe('the SDK: every operation document executes against the supergraph', () => {
  let supergraph: TestSupergraph;
  let customer: sdk.RaglineClient;
  let staff: sdk.RaglineClient;
  const executed = new Set<string>();
  const run = async <TData, TVariables>(
    client: sdk.RaglineClient,
    document: sdk.TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ) => {
    executed.add(sdk.operationName(document)!);
    return client.request(document, variables);
  };
  const first = async <TData, TVariables>(
    client: sdk.RaglineClient,
    document: sdk.TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ) => {
    executed.add(sdk.operationName(document)!);
    const stream = client.subscribe(document, variables);
    try {
      const next = await stream.next();
      if (next.done) throw new Error(`${sdk.operationName(document)} ended without a result`);
      return next.value;
    } finally {
      await stream.return?.();
    }
  };

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '' });
    const token = (sub: string, roles: ('customer' | 'staff' | 'admin')[]) => supergraph.token({ sub, roles });
    customer = createRaglineClient({ url: supergraph.gateway.url, token: await token('sdk-ops-customer', ['customer']) });
    staff = createRaglineClient({ url: supergraph.gateway.url, getToken: () => token('sdk-ops-admin', ['staff', 'admin']) });
  });
  afterAll(async () => {
    await customer?.close();
    await staff?.close();
    await supergraph?.close();
  });

  it('menu, cart, orders and the staff board', async () => {
    const menu = await run(customer, sdk.MenuDocument, { filter: { vegetarian: true }, first: 5 });
    expect(menu.products.edges.every(({ node }) => node.vegetarian)).toBe(true);
    expect((await run(customer, sdk.ProductByIdDocument, { id: margherita })).product?.name).toBe('Margherita Pizza');
    const cart = { items: [{ productId: margherita, quantity: 2 }], promoCode: 'FIVEOFF' };
    expect((await run(customer, sdk.QuoteCartDocument, { input: cart })).quote.promotion?.code).toBe('FIVEOFF');
    const { createOrder } = await run(customer, sdk.PlaceOrderDocument, { input: cart, idempotencyKey: 'sdk-ops-1' });
    expect(createOrder.status).toBe('PENDING');
    expect((await run(customer, sdk.OrdersDocument, { first: 5 })).orders.edges[0]?.node.id).toBe(createOrder.id);
    expect((await run(customer, sdk.OrderDetailsDocument, { id: createOrder.id })).order?.lines[0]?.quantity).toBe(2);
    const moved = await run(staff, sdk.UpdateOrderStatusDocument, { id: createOrder.id, status: 'CANCELLED', expectedVersion: 1 });
    expect(moved.updateOrderStatus.status).toBe('CANCELLED');
    expect((await run(staff, sdk.PromotionsDocument)).promotions.map((promotion) => promotion.code)).toContain('WELCOME10');

    const created = await run(staff, sdk.CreateProductDocument, {
      input: { name: 'SDK Soup', category: 'starters', priceCents: 650, currency: 'EUR', vegan: true },
    });
    const updated = await run(staff, sdk.UpdateProductDocument, { id: created.createProduct.id, input: { priceCents: 700 } });
    expect(updated.updateProduct.priceCents).toBe(700);
    const soldOut = await run(staff, sdk.SetProductAvailabilityDocument, { id: created.createProduct.id, available: false });
    expect(soldOut.setProductAvailability.available).toBe(false);

    const events = sdk.followOrders(customer);
    executed.add('OrderEvents');
    const next = events.next();
    await waitForUpstream(supergraph);
    await run(customer, sdk.PlaceOrderDocument, {
      input: { items: [{ productId: margherita, quantity: 1 }] },
      idempotencyKey: 'sdk-ops-2',
    });
    expect((await next).value?.type).toBe('ORDER_CREATED');
    await events.return(undefined);
  });

  it('chat', async () => {
    const { startConversation } = await run(customer, sdk.StartConversationDocument, { title: 'sdk' });
    const { sendMessage } = await run(customer, sdk.SendMessageDocument, {
      conversationId: startConversation.id,
      text: 'Show me the menu',
    });
    const event = await first(customer, sdk.ChatStreamDocument, { messageId: sendMessage.id });
    expect(event.chatStream.__typename).toBeDefined();
    for await (const _ of sdk.chatEvents(customer, sendMessage.id));
    const cancel = run(customer, sdk.CancelMessageDocument, { messageId: sendMessage.id });
    await expect(cancel).rejects.toMatchObject({ code: 'MESSAGE_NOT_PENDING' });
    expect((await run(customer, sdk.ConversationsDocument, { first: 5 })).conversations.edges).toHaveLength(1);
    expect((await run(customer, sdk.ConversationMessagesDocument, { id: startConversation.id })).conversation.messages).toHaveLength(2);
    const rated = await run(customer, sdk.RateMessageDocument, { messageId: sendMessage.id, rating: 'DOWN', reason: 'too short' });
    expect(rated.rateMessage).toMatchObject({ messageId: sendMessage.id, rating: 'DOWN', reason: 'too short' });

    const requestApproval = async () => {
      const { events } = await sdk.ask(customer, startConversation.id, "I'd like 2 Margherita Pizza");
      let approval: sdk.ToolApprovalDetailsFragment | undefined;
      for await (const streamed of events) if (streamed.__typename === 'ChatToolApprovalRequested') approval = streamed.approval;
      expect(approval).toMatchObject({ status: 'PENDING', tool: 'confirm_order' });
      return approval!;
    };
    const declined = await requestApproval();
    const pending = await run(customer, sdk.PendingToolApprovalsDocument, { conversationId: startConversation.id });
    expect(pending.pendingToolApprovals.map((approval) => approval.id)).toEqual([declined.id]);
    expect((await run(customer, sdk.DeclineToolCallDocument, { approvalId: declined.id })).declineToolCall.status).toBe('DECLINED');
    const approved = await run(customer, sdk.ApproveToolCallDocument, { approvalId: (await requestApproval()).id });
    expect(approved.approveToolCall).toMatchObject({ status: 'APPROVED', order: { status: 'PENDING' } });
  });

  it('knowledge', async () => {
    const input = { scope: 'faq', format: 'MARKDOWN' as const, text: '# Parking\n\nThe SDK parking lot opens at noon.' };
    const job = (await run(staff, sdk.IngestDocumentDocument, { input })).ingestDocument;
    const progress = await first(staff, sdk.IngestionProgressDocument, { jobId: job.id });
    expect(progress.ingestionProgress.id).toBe(job.id);
    let status = job.status;
    for (let attempt = 0; attempt < 300 && status !== 'SUCCEEDED' && status !== 'FAILED'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await run(staff, sdk.IngestionJobDocument, { id: job.id })).ingestionJob!.status;
    }
    expect(status).toBe('SUCCEEDED');
    const hits = await run(staff, sdk.SearchKnowledgeDocument, { query: 'parking lot', mode: 'KEYWORD', first: 3, rerank: false });
    expect(hits.search[0]?.highlight).toContain('<mark>');
    const documents = await run(staff, sdk.DocumentsDocument, { scope: 'faq' });
    const parking = documents.documents.find((document) => document.title === 'Parking')!;
    expect(await run(staff, sdk.DeleteDocumentDocument, { id: parking.id })).toEqual({ __typename: 'Mutation', deleteDocument: true });
  });

  it('admin: usage and dead letters', async () => {
    const hourlyUsage = async () => (await run(staff, sdk.LlmUsageDocument, { groupBy: ['MODEL'], bucket: 'HOUR' })).llmUsage;
    // The chat test's model calls reach the observability subgraph over the event bus.
    await waitFor(async () => (await hourlyUsage()).length > 0, 'the chat answers in llmUsage', 15_000);
    const hourly = await hourlyUsage();
    for (const bucket of hourly) expect(new Date(bucket.bucketStart!).getUTCMinutes()).toBe(0);
    const letters = await run(staff, sdk.DeadLettersDocument, { consumer: 'ORDER_ACTIVITY', first: 10 });
    expect(letters.deadLetterCount).toBe(0);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const reprocess = run(staff, sdk.ReprocessDeadLetterDocument, { id: unknown, consumer: 'ORDER_ACTIVITY' });
    await expect(reprocess).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const discard = run(staff, sdk.DiscardDeadLetterDocument, { id: unknown, consumer: 'ORDER_ACTIVITY' });
    await expect(discard).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await run(staff, sdk.ReprocessDeadLettersDocument, { consumer: 'LLM_USAGE' })).reprocessDeadLetters).toBe(0);
    expect((await run(staff, sdk.DiscardDeadLettersDocument, { consumer: 'LLM_USAGE' })).discardDeadLetters).toBe(0);
  });

  it('admin: privacy settings', async () => {
    expect((await run(staff, sdk.PrivacySettingsDocument)).privacySettings.custom).toBe(false);
    const updated = await run(staff, sdk.UpdatePrivacySettingsDocument, { phoneRegions: ['GB', 'DE'] });
    expect(updated.updatePrivacySettings).toMatchObject({ phoneRegions: ['GB', 'DE'], custom: true });
  });

  it('analytics: slowest operations, prompt experiments and (operators) cost by tenant', async () => {
    const slowest = (await run(staff, sdk.SlowestOperationsDocument, { limit: 3 })).slowestOperations;
    expect(slowest.length).toBeLessThanOrEqual(3);
    const experiment = await run(staff, sdk.PromptExperimentDocument, { name: 'assistant-system' });
    expect(experiment.promptExperiment.promptName).toBe('assistant-system');
    const operator = createRaglineClient({
      url: supergraph.gateway.url,
      token: await supergraph.token({ tenant: 'platform', sub: 'sdk-ops-operator', roles: ['operator'] }),
    });
    try {
      const costs = (await run(operator, sdk.CostByTenantDocument, {})).costByTenant;
      expect(costs.find((row) => row.tenantId === DEMO_TENANT)?.calls).toBeGreaterThan(0);
      await expect(staff.request(sdk.CostByTenantDocument, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await operator.close();
    }
  });

  it('covered every operation of the persisted-operations manifest', () => {
    const names = Object.values(persistedDocuments).map((text) => /\b(?:query|mutation|subscription) (\w+)/.exec(text)![1]);
    expect([...executed].sort()).toEqual(names.sort());
  });

  it('reports errors with their stable code', async () => {
    const refused = customer.request(sdk.PromotionsDocument);
    await expect(refused).rejects.toMatchObject({ name: 'RaglineError', code: 'FORBIDDEN' });
  });
});

async function waitForUpstream(supergraph: TestSupergraph): Promise<void> {
  const metrics = supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics');
  const { readMetric } = await import('../support/wait-for.js');
  await waitFor(
    async () => ((await readMetric(metrics, 'ragline_order_event_subscribers')) ?? 0) >= 1,
    'a live order subscription',
    15_000,
  );
}
