import type { ChatMessage } from '../../platform/model-gateway/language-model.js';
import { createSupergraphClient } from '../../subgraphs/assistant/tools/supergraph-client.js';
import type { AssistantToolContext } from '../../subgraphs/assistant/tools/assistant-tool-context.js';

/** One request the fake gateway received. */
export interface RecordedGraphQLRequest {
  url: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
}

export type FakeGraphQLReply =
  { status?: number; body: unknown } | ((request: RecordedGraphQLRequest) => { status?: number; body: unknown });

/**
 * A `fetch` standing in for the gateway: records each GraphQL request and answers with the queued replies in order
 * (or the last one repeatedly). For tool tests without a running supergraph.
 */
export function createFakeSupergraphFetch(...replies: FakeGraphQLReply[]) {
  const requests: RecordedGraphQLRequest[] = [];
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    init?.signal?.throwIfAborted();
    const parsed = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const request: RecordedGraphQLRequest = {
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      query: parsed.query,
      variables: parsed.variables,
    };
    requests.push(request);
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    if (!reply) throw new Error('fake supergraph: no reply queued');
    const { status, body } = typeof reply === 'function' ? reply(request) : reply;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status: status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fakeFetch as typeof fetch, requests };
}

export function toolContextFor(
  fakeFetch: typeof fetch,
  overrides: Partial<AssistantToolContext> = {},
  messages: ChatMessage[] = [],
): AssistantToolContext {
  return {
    supergraph: createSupergraphClient({ url: () => 'http://gateway.test/graphql', fetch: fakeFetch }),
    authorization: 'Bearer user-token',
    requestId: 'req-1',
    tenantId: 'demo',
    userId: 'u1',
    conversationId: 'conv-1',
    turn: 3,
    messages,
    ...overrides,
  };
}
