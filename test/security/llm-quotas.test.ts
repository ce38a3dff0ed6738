import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND, startConversation, streamAnswer } from '../e2e/assistant-helpers.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

/** A daily token quota of 1 is spent by the first answer (the offline model reports its tokens). */
describe('LLM quotas per tenant', () => {
  let supergraph: TestSupergraph;
  beforeAll(async () => {
    supergraph = await startTestSupergraph({ LLM_QUOTA_TOKENS_PER_DAY: '1', LLM_QUOTA_COST_USD_PER_MONTH: '100' });
  });
  afterAll(async () => supergraph?.close());

  const send = async (token: string, conversationId: string) => supergraph.request(SEND, { id: conversationId, text: 'hello' }, { token });

  it("refuses a tenant's next message with QUOTA_EXCEEDED once a quota is spent, before a turn starts; other tenants chat on", async () => {
    const alice = await supergraph.token({ sub: 'quota-alice' });
    const first = await send(alice, await startConversation(supergraph, alice));
    expect(first.body.errors).toBeUndefined();
    await streamAnswer(supergraph, alice, first.body.data.sendMessage.id);

    // Another user of the same tenant: the quota is the tenant's.
    const bob = await supergraph.token({ sub: 'quota-bob' });
    const conversation = await startConversation(supergraph, bob);
    const refused = await send(bob, conversation);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', period: 'day', quota: 'tokens', limit: 1 });
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    // Nothing was stored: the conversation has no turn.
    const { body } = await supergraph.request(
      'query C($id: ID!) { conversation(id: $id) { messages { id } } }',
      { id: conversation },
      { token: bob },
    );
    expect(body.data.conversation.messages).toEqual([]);

    const other = await supergraph.token({ tenant: 'quota-other', sub: 'carol' });
    const elsewhere = await send(other, await startConversation(supergraph, other));
    expect(elsewhere.body.errors).toBeUndefined();
  });
});
