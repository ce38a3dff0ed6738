import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import {
  APPROVE,
  DECLINE,
  MY_ORDERS,
  PENDING_APPROVALS,
  approvalsIn,
  call,
  chat,
  errorCodes,
  startConversation,
} from '../e2e/assistant-helpers.js';

/** An approval request runs out: with TOOL_APPROVAL_TTL_SECONDS=1 it can no longer place an order a moment later. */
describe('tool approval expiry', () => {
  let supergraph: TestSupergraph;

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '', TOOL_APPROVAL_TTL_SECONDS: '1' });
  });
  afterAll(() => supergraph?.close());

  it('answers APPROVAL_EXPIRED to approve and decline once expiresAt has passed, and places nothing', async () => {
    const token = await supergraph.token({ sub: 'edna' });
    const conversationId = await startConversation(supergraph, token);
    const answer = await chat(supergraph, token, conversationId, "I'd like 2 Margherita Pizza, please order them");
    const [approval] = approvalsIn(answer);
    expect(approval).toMatchObject({ tool: 'confirm_order', id: expect.any(String) });
    const expiresAt = new Date(approval.expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(1_000);
    await waitFor(async () => Date.now() > expiresAt + 50, 'the approval to expire', 5_000);

    expect((await call(supergraph, PENDING_APPROVALS, { id: conversationId }, token)).pendingToolApprovals).toEqual([]);
    expect(await errorCodes(supergraph, APPROVE, { id: approval.id }, token)).toEqual(['APPROVAL_EXPIRED']);
    expect(await errorCodes(supergraph, DECLINE, { id: approval.id }, token)).toEqual(['APPROVAL_EXPIRED']);
    expect((await call(supergraph, MY_ORDERS, {}, token)).orders.edges).toEqual([]);
  });
});
