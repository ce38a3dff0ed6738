import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropMidStream, httpError, textAnswer } from '../fakes/model-server/behaviours.js';
import type { FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { chat, startConversation, startWithFakeModels, closeWithFakeModels } from './assistant-helpers.js';

describe('assistant answers when model providers fail (OpenAI-compatible fake models)', () => {
  let supergraph: TestSupergraph;
  let primary: FakeModelServer;
  let fallback: FakeModelServer;
  let alice: string;

  beforeAll(async () => ({ supergraph, primary, fallback, alice } = await startWithFakeModels()));
  afterAll(() => closeWithFakeModels({ supergraph, primary, fallback }));

  it('falls back to the next provider when the primary fails before any output', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(httpError(503));
    fallback.enqueue(textAnswer('Answered by the fallback.'));
    const answer = await chat(supergraph, alice, conversationId, 'Are you open tonight?');
    expect(answer.text).toBe('Answered by the fallback.');
    expect(answer.completed.message).toMatchObject({ status: 'COMPLETED', provider: 'fallback', model: 'fallback-model' });
  });

  it('keeps the partial answer of a stream that breaks mid-way and marks it FAILED / MODEL_INTERRUPTED', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(dropMidStream('The first half arrives, the second never does.', { chunks: 4, afterChunks: 2 }));
    const answer = await chat(supergraph, alice, conversationId, 'Explain the menu');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.completed.message).toMatchObject({
      status: 'FAILED',
      errorCode: 'MODEL_INTERRUPTED',
      finishReason: 'interrupted',
      content: answer.text,
    });
    // No fallback after output reached the user (it would repeat text).
    expect(fallback.requests.filter((request) => JSON.stringify(request.messages).includes('Explain the menu'))).toHaveLength(0);
  });

  it('fails the message with MODEL_UNAVAILABLE when every provider fails', async () => {
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(httpError(500));
    fallback.enqueue(httpError(500));
    const answer = await chat(supergraph, alice, conversationId, 'hello?');
    expect(answer.completed.message).toMatchObject({ status: 'FAILED', errorCode: 'MODEL_UNAVAILABLE', content: '' });
  });
});
