import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from '../fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { chat, startConversation } from './assistant-helpers.js';

const chatRequests = (model: FakeModelServer) => model.requests.filter((request) => request.path === '/v1/chat/completions').length;
const moderationRequests = (model: FakeModelServer) => model.requests.filter((request) => request.path === '/v1/moderations');

describe('assistant input moderation (MODERATION_BASE_URL)', () => {
  let supergraph: TestSupergraph;
  let model: FakeModelServer;
  let alice: string;

  beforeAll(async () => {
    model = await startFakeModelServer();
    supergraph = await startTestSupergraph({
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_API_KEY: 'test-key',
      MODERATION_BASE_URL: model.baseURL,
      MODEL_MAX_RETRIES: '0',
    });
    alice = await supergraph.token({ sub: 'alice' });
  });
  afterAll(async () => {
    await supergraph?.close();
    await model?.close();
  });

  it('refuses flagged input without calling the model, and moderates the redacted text only', async () => {
    const before = chatRequests(model);
    const answer = await chat(
      supergraph,
      alice,
      await startConversation(supergraph, alice),
      'Mail me at bad.guy@example.com [flag:violence]',
    );
    expect(answer.completed.message).toMatchObject({ status: 'FAILED', errorCode: 'CONTENT_FLAGGED' });
    expect(chatRequests(model)).toBe(before);
    const moderated = JSON.stringify(moderationRequests(model).at(-1)!.body);
    expect(moderated).toContain('[EMAIL_1]');
    expect(moderated).not.toContain('bad.guy@example.com');
  });

  it('answers clean input, and fails open (logged) when the moderation endpoint is down', async () => {
    model.enqueue(textAnswer('Welcome!'));
    expect(
      (await chat(supergraph, alice, await startConversation(supergraph, alice), 'Good evening, a table question')).completed.message
        .status,
    ).toBe('COMPLETED');
    model.setModerationError(503);
    try {
      model.enqueue(textAnswer('Still here.'));
      const answer = await chat(supergraph, alice, await startConversation(supergraph, alice), 'Are you open on Sunday evening?');
      expect(answer.completed.message).toMatchObject({ status: 'COMPLETED', content: 'Still here.' });
    } finally {
      model.setModerationError(undefined);
    }
  });
});
