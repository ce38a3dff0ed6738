import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../../../test/fakes/model-server/fake-model-server.js';
import { createModerationClient } from './moderation.js';

describe('createModerationClient', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('is absent when not configured', () => {
    expect(createModerationClient({})).toBeUndefined();
    expect(createModerationClient({ baseUrl: 'http://127.0.0.1:1/v1' })).toBeUndefined();
    expect(createModerationClient({ apiKey: 'k' })).toBeUndefined();
  });

  it('returns flagged and the flagged categories from /v1/moderations', async () => {
    const client = createModerationClient({ baseUrl: server.baseURL, apiKey: 'test-key' })!;
    expect(await client.moderate('I will kill you [flag:harassment/threatening]')).toEqual({
      flagged: true,
      categories: ['harassment/threatening', 'violence'],
    });
    expect(await client.moderate('Two margherita pizzas, please')).toEqual({ flagged: false, categories: [] });
    const last = server.requests.at(-1)!;
    expect(last.path).toBe('/v1/moderations');
    expect(last.body).toEqual({ model: 'omni-moderation-latest', input: 'Two margherita pizzas, please' });
  });

  it('throws a ModelError when the provider fails', async () => {
    const client = createModerationClient({ baseUrl: server.baseURL, apiKey: 'test-key', model: 'm' })!;
    server.setModerationError(401);
    try {
      await expect(client.moderate('hello')).rejects.toMatchObject({ name: 'ModelError', kind: 'auth', provider: 'moderation' });
    } finally {
      server.setModerationError(undefined);
    }
  });
});
