import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import {
  APPROVE,
  CONVERSATION,
  DECLINE,
  MY_ORDERS,
  PENDING_APPROVALS,
  approvalsIn,
  call,
  chat,
  errorCodes,
  startConversation,
} from './assistant-helpers.js';

const QUOTE = /* GraphQL */ `
  query Quote($input: CreateOrderInput!) {
    quote(input: $input) {
      totalCents
      currency
      promotion {
        code
      }
      lines {
        productId
        name
        quantity
        unitPriceCents
      }
    }
  }
`;

const orderIds = async (supergraph: TestSupergraph, token: string): Promise<string[]> =>
  (await call(supergraph, MY_ORDERS, {}, token)).orders.edges.map((edge: any) => edge.node.id);

/**
 * Tool approvals with the offline model, through the gateway: asking to order yields an approval request carrying
 * exactly what will happen, and only the same user's approveToolCall places the order (docs/security.md).
 */
describe('tool approvals with the offline model', () => {
  let supergraph: TestSupergraph;

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '' });
  });
  afterAll(() => supergraph?.close());

  /** A conversation of `sub` whose answer asked for approval of 2 Margherita Pizza (with `promo`). */
  async function askToOrder(sub: string, promo = 'WELCOME10') {
    const token = await supergraph.token({ sub });
    const conversationId = await startConversation(supergraph, token);
    const answer = await chat(supergraph, token, conversationId, `I'd like 2 Margherita Pizza with code ${promo}, please order them`);
    const [approval] = approvalsIn(answer);
    expect(approval, answer.text).toBeDefined();
    return { token, conversationId, answer, approval };
  }

  it('streams an approval request with the exact lines, total and promotion, and orders only when approved, once', async () => {
    const { token, conversationId, answer, approval } = await askToOrder('dana');
    const toolNames = answer.completed.message.toolCalls.map((toolCall: any) => toolCall.name);
    expect(toolNames).toEqual(['retrieve_menu', 'apply_promos', 'confirm_order']);
    // The request is what the orders subgraph itself prices for the cart.
    const productId = approval.lines[0].productId;
    const { quote } = await call(supergraph, QUOTE, { input: { items: [{ productId, quantity: 2 }], promoCode: 'WELCOME10' } }, token);
    expect(approval).toMatchObject({
      conversationId,
      messageId: answer.messageId,
      tool: 'confirm_order',
      status: 'PENDING',
      totalCents: quote.totalCents,
      currency: quote.currency,
      promoCode: 'WELCOME10',
      errorCode: null,
      lines: [
        {
          productId,
          name: 'Margherita Pizza',
          quantity: 2,
          unitPriceCents: quote.lines[0].unitPriceCents,
          lineTotalCents: 2 * quote.lines[0].unitPriceCents,
        },
      ],
    });
    expect(approval.summary).toMatch(/^Place an order for 2 × Margherita Pizza, total \d+\.\d\d EUR with promotion WELCOME10\.$/);
    expect(new Date(approval.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(answer.text).toContain('Nothing is ordered yet');
    expect(answer.completed.message.order).toBeNull();
    expect(await orderIds(supergraph, token)).toEqual([]);
    expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, token)).pendingToolApprovals).toMatchObject([
      { id: approval.id, status: 'PENDING' },
    ]);

    const { approveToolCall } = await call(supergraph, APPROVE, { id: approval.id }, token);
    expect(approveToolCall).toMatchObject({
      id: approval.id,
      status: 'APPROVED',
      order: { id: expect.any(String), status: 'PENDING', totalCents: quote.totalCents },
    });
    expect(await orderIds(supergraph, token)).toEqual([approveToolCall.order.id]);
    expect(await errorCodes(supergraph, APPROVE, { id: approval.id }, token)).toEqual(['APPROVAL_ALREADY_DECIDED']);
    expect(await orderIds(supergraph, token)).toHaveLength(1);
    expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, token)).pendingToolApprovals).toEqual([]);
    // The conversation records the decision: the asking message points at the order, its tool call at the outcome.
    const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, token);
    const confirmCall = conversation.messages[1].toolCalls.find((toolCall: any) => toolCall.name === 'confirm_order');
    expect(JSON.parse(confirmCall.resultJson)).toMatchObject({
      approvalId: approval.id,
      status: 'APPROVED',
      orderId: approveToolCall.order.id,
    });
  });

  it('places nothing when the user declines, and a declined request cannot be approved afterwards', async () => {
    const { token, approval } = await askToOrder('dora', 'FIVEOFF');
    const { declineToolCall } = await call(
      supergraph,
      DECLINE,
      { id: approval.id, reason: 'Too much; mail me at dora@example.com' },
      token,
    );
    expect(declineToolCall).toMatchObject({ id: approval.id, status: 'DECLINED', order: null });
    expect(await errorCodes(supergraph, APPROVE, { id: approval.id }, token)).toEqual(['APPROVAL_ALREADY_DECIDED']);
    expect(await errorCodes(supergraph, DECLINE, { id: approval.id }, token)).toEqual(['APPROVAL_ALREADY_DECIDED']);
    expect(await orderIds(supergraph, token)).toEqual([]);
  });

  it('lets no other user of the tenant, nor a user of another tenant, see, approve or decline it', async () => {
    const { token, conversationId, approval } = await askToOrder('owen', 'FIVEOFF');
    const sameTenant = await supergraph.token({ sub: 'mallory' });
    const otherTenant = await supergraph.token({ tenant: 'other-shop', sub: 'owen' });
    for (const intruder of [sameTenant, otherTenant]) {
      expect(await errorCodes(supergraph, APPROVE, { id: approval.id }, intruder)).toEqual(['NOT_FOUND']);
      expect(await errorCodes(supergraph, DECLINE, { id: approval.id }, intruder)).toEqual(['NOT_FOUND']);
      expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, intruder)).pendingToolApprovals).toEqual([]);
      expect(await orderIds(supergraph, intruder)).toEqual([]);
    }
    expect(await errorCodes(supergraph, APPROVE, { id: approval.id })).toEqual(['UNAUTHENTICATED']);
    expect(await errorCodes(supergraph, APPROVE, { id: 'not-a-uuid' }, token)).toEqual(['NOT_FOUND']);
    expect(await orderIds(supergraph, token)).toEqual([]);
    // Untouched by all of that: the owner can still approve it.
    expect((await call(supergraph, APPROVE, { id: approval.id }, token)).approveToolCall.status).toBe('APPROVED');
  });

  it('places nothing for messages that merely contain "confirm" or "go ahead", with an order request open', async () => {
    const { token, conversationId, approval } = await askToOrder('cora', 'FIVEOFF');
    for (const text of [
      'Can you confirm the opening hours?',
      'go ahead',
      'confirm',
      'Ok, confirm. Also, what allergens are in the tiramisu?',
    ]) {
      const answer = await chat(supergraph, token, conversationId, text);
      expect(answer.completed.message.toolCalls.map((toolCall: any) => toolCall.name)).not.toContain('confirm_order');
      expect(approvalsIn(answer)).toEqual([]);
      expect(answer.completed.message.order).toBeNull();
    }
    expect(await orderIds(supergraph, token)).toEqual([]);
    // The request the user saw is still the one to approve.
    expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, token)).pendingToolApprovals).toMatchObject([
      { id: approval.id },
    ]);
  });

  it('replaces an open request when the user asks again, so only the latest cart can be approved', async () => {
    const { token, conversationId, approval: first } = await askToOrder('rita', 'FIVEOFF');
    const again = await chat(supergraph, token, conversationId, 'Please place the order');
    const [second] = approvalsIn(again);
    expect(second).toMatchObject({ status: 'PENDING', totalCents: first.totalCents });
    expect(second.id).not.toBe(first.id);
    expect(await errorCodes(supergraph, APPROVE, { id: first.id }, token)).toEqual(['APPROVAL_EXPIRED']);
    expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, token)).pendingToolApprovals.map((a: any) => a.id)).toEqual([
      second.id,
    ]);
  });

  it('places one order when the same approval is approved twice at once', async () => {
    const { token, approval } = await askToOrder('carl', 'FIVEOFF');
    const results = await Promise.all([1, 2, 3].map(() => supergraph.request(APPROVE, { id: approval.id }, { token })));
    const approved = results.filter(({ body }) => body.data?.approveToolCall?.status === 'APPROVED');
    const refused = results.flatMap(({ body }) => (body.errors ?? []).map((error: any) => error.extensions?.code));
    expect(approved).toHaveLength(1);
    expect(refused).toEqual(['APPROVAL_ALREADY_DECIDED', 'APPROVAL_ALREADY_DECIDED']);
    expect(await orderIds(supergraph, token)).toEqual([approved[0]!.body.data.approveToolCall.order.id]);
  });
});
