import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from '../fakes/model-server/behaviours.js';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { CONVERSATION, call, chat, errorCodes, startConversation } from './assistant-helpers.js';

const SETTINGS = /* GraphQL */ `
  query {
    privacySettings {
      phoneRegions
      custom
      updatedAt
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($regions: [String!]!) {
    updatePrivacySettings(phoneRegions: $regions) {
      phoneRegions
      custom
      updatedAt
    }
  }
`;

// A Berlin number in national form: valid only when DE is among the tenant's phone regions.
const GERMAN_NUMBER = '030 901820';

describe("a tenant's PII phone regions through the gateway", () => {
  let supergraph: TestSupergraph;
  let model: FakeModelServer;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    model = await startFakeModelServer();
    // The deployment default leaves DE out, so a tenant must opt in to German national numbers.
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: model.baseURL, MODEL_MAX_RETRIES: '0', PII_PHONE_REGIONS: 'GB,US' });
    adminA = await supergraph.token({ tenant: 'tenant-a', sub: 'ann', roles: ['admin'] });
    adminB = await supergraph.token({ tenant: 'tenant-b', sub: 'bob', roles: ['admin'] });
  });
  afterAll(async () => {
    await supergraph?.close();
    await model?.close();
  });

  /** Chats once as `token` about the German number; returns what the model saw and what was stored. */
  async function chatAboutGermanNumber(token: string) {
    const conversationId = await startConversation(supergraph, token);
    model.enqueue(textAnswer(`I will call you on ${GERMAN_NUMBER} tomorrow.`));
    const streamed = await chat(supergraph, token, conversationId, `Please call me on ${GERMAN_NUMBER} about my order.`);
    const sentToModel = JSON.stringify(model.requests.at(-1)!.messages);
    const { conversation } = await call(supergraph, CONVERSATION, { id: conversationId }, token);
    const [question, answer] = conversation.messages;
    return { sentToModel, question: question.content as string, answer: answer.content as string, streamed: streamed.text };
  }

  it("starts from the deployment default, and redacts national numbers of the tenant's own regions only", async () => {
    expect((await call(supergraph, SETTINGS, {}, adminA)).privacySettings).toEqual({
      phoneRegions: ['GB', 'US'],
      custom: false,
      updatedAt: null,
    });

    const updated = (await call(supergraph, UPDATE, { regions: ['de', 'GB', 'DE'] }, adminA)).updatePrivacySettings;
    expect(updated).toMatchObject({ phoneRegions: ['DE', 'GB'], custom: true });
    expect(Date.parse(updated.updatedAt)).not.toBeNaN();
    expect((await call(supergraph, SETTINGS, {}, adminA)).privacySettings).toMatchObject({ phoneRegions: ['DE', 'GB'], custom: true });

    const a = await chatAboutGermanNumber(adminA);
    expect(a.sentToModel).not.toContain(GERMAN_NUMBER);
    expect(a.question).toBe('Please call me on [PHONE_1] about my order.');
    // The stored answer is redacted with the tenant's regions too (the live stream is not: it went out as written).
    expect(a.answer).toBe('I will call you on [PHONE_1] tomorrow.');

    // Tenant B set nothing: the default (GB, US) does not read 030 901820 as a phone number.
    expect((await call(supergraph, SETTINGS, {}, adminB)).privacySettings).toMatchObject({ phoneRegions: ['GB', 'US'], custom: false });
    const b = await chatAboutGermanNumber(adminB);
    expect(b.sentToModel).toContain(GERMAN_NUMBER);
    expect(b.question).toBe(`Please call me on ${GERMAN_NUMBER} about my order.`);
  });

  it('takes effect at once when changed back (the cached settings are invalidated)', async () => {
    await call(supergraph, UPDATE, { regions: ['DE'] }, adminB);
    expect((await chatAboutGermanNumber(adminB)).question).toBe('Please call me on [PHONE_1] about my order.');
    await call(supergraph, UPDATE, { regions: ['US'] }, adminB);
    expect((await chatAboutGermanNumber(adminB)).question).toBe(`Please call me on ${GERMAN_NUMBER} about my order.`);
    // Tenant A's settings are its own.
    expect((await call(supergraph, SETTINGS, {}, adminA)).privacySettings.phoneRegions).toEqual(['DE', 'GB']);
  });

  it('lets only admins read or change them', async () => {
    for (const roles of [['customer'], ['staff']] as const) {
      const token = await supergraph.token({ tenant: 'tenant-a', sub: 'cy', roles: [...roles] });
      expect(await errorCodes(supergraph, SETTINGS, {}, token)).toEqual(['FORBIDDEN']);
      expect(await errorCodes(supergraph, UPDATE, { regions: ['FR'] }, token)).toEqual(['FORBIDDEN']);
    }
    expect(await errorCodes(supergraph, SETTINGS, {})).toEqual(['UNAUTHENTICATED']);
    expect((await call(supergraph, SETTINGS, {}, adminA)).privacySettings.phoneRegions).toEqual(['DE', 'GB']);
  });

  it('refuses unknown region codes, naming the bad one, and empty or overlong lists', async () => {
    const { body } = await supergraph.request(UPDATE, { regions: ['DE', 'XX'] }, { token: adminA });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('"XX"');
    expect(await errorCodes(supergraph, UPDATE, { regions: [] }, adminA)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(supergraph, UPDATE, { regions: ['GERMANY'] }, adminA)).toEqual(['BAD_USER_INPUT']);
    const many = [
      'GB',
      'US',
      'DE',
      'FR',
      'ES',
      'IT',
      'NL',
      'BE',
      'AT',
      'CH',
      'PL',
      'CZ',
      'SE',
      'NO',
      'DK',
      'FI',
      'IE',
      'PT',
      'GR',
      'HU',
      'RO',
    ];
    expect(await errorCodes(supergraph, UPDATE, { regions: many }, adminA)).toEqual(['BAD_USER_INPUT']);
    expect((await call(supergraph, SETTINGS, {}, adminA)).privacySettings.phoneRegions).toEqual(['DE', 'GB']);
  });
});
