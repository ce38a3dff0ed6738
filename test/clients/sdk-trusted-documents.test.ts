import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../../clients/typescript/src/index.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { collect, wsClient } from '../support/ws-client.js';

/** A gateway enforcing TRUSTED_DOCUMENTS with the manifest codegen writes runs the SDK's operations and nothing else. */
describe("TRUSTED_DOCUMENTS with the SDK's persisted-operations manifest", () => {
  let supergraph: TestSupergraph;
  let client: sdk.RaglineClient;

  beforeAll(async () => {
    supergraph = await startTestSupergraph({
      TRUSTED_DOCUMENTS: 'clients/typescript/generated/persisted-documents.json',
      OPENAI_BASE_URL: '',
    });
    client = sdk.createRaglineClient({ url: supergraph.gateway.url, token: await supergraph.token({ sub: 'trusted' }) });
  });
  afterAll(async () => {
    await client?.close();
    await supergraph?.close();
  });

  it("accepts the SDK's queries, mutations and subscriptions", async () => {
    const menu = await client.request(sdk.MenuDocument, { first: 3 });
    expect(menu.products.edges).toHaveLength(3);
    const { startConversation } = await client.request(sdk.StartConversationDocument, { title: 'trusted' });
    const { events } = await sdk.ask(client, startConversation.id, 'Show me the pizza menu');
    const kinds: string[] = [];
    for await (const event of events) kinds.push(event.__typename);
    expect(kinds.at(-1)).toBe('ChatMessageCompleted');
  });

  it('refuses any other document, over HTTP and graphql-ws', async () => {
    const token = await supergraph.token({ sub: 'trusted' });
    const handWritten = await supergraph.request('{ products(first: 1) { edges { node { id } } } }', {}, { token });
    expect(handWritten.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    const subscription = collect(
      wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` }),
      'subscription { orderEvents { eventId } }',
    );
    await subscription.done(15_000);
    expect(JSON.stringify(subscription.results[0]?.errors ?? subscription.error)).toContain('OPERATION_NOT_TRUSTED');
  });
});
