import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer, toolCall } from '../fakes/model-server/behaviours.js';
import type { FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { CONVERSATION, call, chat, startConversation, startWithFakeModels, closeWithFakeModels } from '../e2e/assistant-helpers.js';

// PII redaction through the gateway (docs/security.md, "PII"): what the user writes is redacted before the model,
// the database or a log sees it; what the model writes (its answer, tool arguments, tool results) is streamed as
// written but stored redacted.
describe('PII redaction through the gateway', () => {
  let supergraph: TestSupergraph;
  let primary: FakeModelServer;
  let fallback: FakeModelServer;
  let alice: string;

  beforeAll(async () => ({ supergraph, primary, fallback, alice } = await startWithFakeModels()));
  afterAll(() => closeWithFakeModels({ supergraph, primary, fallback }));

  it("stores the user's SSN, IP address and full postal address redacted, and never sends them to the model", async () => {
    const conversationId = await startConversation(supergraph, alice);
    const before = primary.requests.length;
    primary.enqueue(textAnswer('Thanks, I have noted your details for the delivery.'));
    await chat(
      supergraph,
      alice,
      conversationId,
      'My SSN is 123-45-6789, I am on 192.0.2.44 and live at 221B Baker Street, London NW1 6XE. Deliver there.',
    );
    const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, alice);
    const question = conversation.messages.find((message: any) => message.role === 'USER');
    expect(question.content).toBe('My SSN is [SSN_1], I am on [IP_ADDRESS_1] and live at [ADDRESS_1]. Deliver there.');
    const sent = JSON.stringify(primary.requests.slice(before).map((request) => request.messages));
    for (const secret of ['123-45-6789', '192.0.2.44', 'Baker Street', 'NW1 6XE']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[SSN_1]');
  });

  it("streams the model's answer as written but stores it, and its tool arguments, redacted", async () => {
    const conversationId = await startConversation(supergraph, alice);
    const answerText = 'We will deliver to 1600 Amphitheatre Parkway, Mountain View, CA 94043 and call (415) 555-2671 on arrival.';
    primary.enqueue(
      toolCall('retrieve_menu', { text: 'pizza for jane.doe@example.com at 203.0.113.7' }, { id: 'call_pii' }),
      textAnswer(answerText),
    );
    const answer = await chat(supergraph, alice, conversationId, 'Where will my pizza go?');
    // The user saw the answer as the model wrote it, in the same turn.
    expect(answer.text).toBe(answerText);
    const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, alice);
    const stored = conversation.messages.find((message: any) => message.role === 'ASSISTANT');
    expect(stored.content).toBe('We will deliver to [ADDRESS_1] and call [PHONE_1] on arrival.');
    expect(stored.toolCalls).toHaveLength(1);
    expect(JSON.parse(stored.toolCalls[0].argumentsJson)).toEqual({ text: 'pizza for [EMAIL_1] at [IP_ADDRESS_1]' });
    const everything = JSON.stringify(conversation);
    for (const secret of ['Amphitheatre', '94043', '555-2671', 'jane.doe', '203.0.113.7']) expect(everything).not.toContain(secret);
    // The completed event carries the stored (redacted) message.
    expect(answer.completed.message.content).toBe(stored.content);
  });
});
