import { expect } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fakes/model-server/fake-model-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { readMetric, waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';

export interface SupergraphWithFakeModels {
  supergraph: TestSupergraph;
  primary: FakeModelServer;
  fallback: FakeModelServer;
  /** A customer token of the demo tenant (sub alice). */
  alice: string;
}

/**
 * The supergraph on two OpenAI-compatible fake models, `primary` and `fallback` ('fallback-model'), without retries and
 * with at most two tool rounds per answer.
 */
export async function startWithFakeModels(): Promise<SupergraphWithFakeModels> {
  const primary = await startFakeModelServer();
  const fallback = await startFakeModelServer();
  try {
    const supergraph = await startTestSupergraph({
      OPENAI_BASE_URL: primary.baseURL,
      OPENAI_FALLBACK_BASE_URL: fallback.baseURL,
      OPENAI_FALLBACK_MODEL: 'fallback-model',
      MODEL_MAX_RETRIES: '0',
      CHAT_MAX_TOOL_ROUNDS: '2',
    });
    return { supergraph, primary, fallback, alice: await supergraph.token({ sub: 'alice' }) };
  } catch (error) {
    await primary.close();
    await fallback.close();
    throw error;
  }
}

/** afterAll of a file that started with startWithFakeModels (whatever of it had started). */
export async function closeWithFakeModels(started: Partial<SupergraphWithFakeModels>): Promise<void> {
  await started.supergraph?.close();
  await started.primary?.close();
  await started.fallback?.close();
}

/** The gateway opened the orderEvents upstream AND the orders subgraph is reading the bus for it (else an early event is missed). */
export function orderEventsLive(supergraph: TestSupergraph): Promise<void> {
  const metrics = supergraph.subgraphs.orders.url.replace(/graphql$/, 'metrics');
  return waitFor(
    async () =>
      supergraph.gateway.openUpstreamSubscriptions() >= 1 && ((await readMetric(metrics, 'ragline_order_event_subscribers')) ?? 0) >= 1,
    'a live orderEvents subscription',
  );
}

/** What the chat helpers need of a supergraph: its gateway, in this process or in another (test/support/service-processes.ts). */
export type GatewayCaller = Pick<TestSupergraph, 'request'> & { gateway: Pick<TestSupergraph['gateway'], 'wsUrl'> };

export const MESSAGE_FIELDS = /* GraphQL */ `
  id conversationId turn role content status finishReason errorCode model provider promptName promptVersion
  usage { inputTokens outputTokens }
  citations { documentId chunkId title }
  toolCalls { name argumentsJson resultJson ok errorCode round durationMs }
`;

export const START = /* GraphQL */ `
  mutation Start($title: String) {
    startConversation(title: $title) {
      id
      title
      promptName
      promptVersion
    }
  }
`;
export const SEND = /* GraphQL */ `
  mutation Send($id: ID!, $text: String!) {
    sendMessage(conversationId: $id, text: $text) {
      id
      role
      status
      turn
      content
    }
  }
`;
export const CANCEL = /* GraphQL */ `
  mutation Cancel($id: ID!) {
    cancelMessage(messageId: $id) {
      id
      status
      content
      errorCode
    }
  }
`;
export const APPROVAL_FIELDS = /* GraphQL */ `
  id conversationId messageId tool status summary totalCents currency promoCode expiresAt errorCode
  lines { productId name quantity unitPriceCents lineTotalCents notes }
`;
export const APPROVE = /* GraphQL */ `mutation Approve($id: ID!) { approveToolCall(approvalId: $id) { ${APPROVAL_FIELDS} order { id status totalCents } } }`;
export const DECLINE = /* GraphQL */ `mutation Decline($id: ID!, $reason: String) { declineToolCall(approvalId: $id, reason: $reason) { ${APPROVAL_FIELDS} order { id } } }`;
export const PENDING_APPROVALS = /* GraphQL */ `query Pending($id: ID!) { pendingToolApprovals(conversationId: $id) { ${APPROVAL_FIELDS} } }`;
export const MY_ORDERS = /* GraphQL */ `
  {
    orders(first: 50) {
      edges {
        node {
          id
          status
          totalCents
          promoCode
        }
      }
    }
  }
`;

/** The approval requests a streamed answer carried. */
export const approvalsIn = (answer: { events: any[] }): any[] =>
  answer.events.filter((event) => event.__typename === 'ChatToolApprovalRequested').map((event) => event.approval);

export const CONVERSATION = /* GraphQL */ `query Conversation($id: ID!) { conversation(id: $id) { id title messages { ${MESSAGE_FIELDS} } } }`;
export const CHAT_STREAM = /* GraphQL */ `
  subscription Stream($id: ID!) {
    chatStream(messageId: $id) {
      __typename
      ... on ChatTokenDelta { text }
      ... on ChatToolCallStarted { callId name argumentsJson round }
      ... on ChatToolCallFinished { callId name ok errorCode }
      ... on ChatToolApprovalRequested { approval { ${APPROVAL_FIELDS} } }
      ... on ChatMessageCompleted { usage { inputTokens outputTokens } citations { title } message { ${MESSAGE_FIELDS} order { id status totalCents } } }
    }
  }
`;

/** Calls the gateway and fails the test on GraphQL errors. */
export async function call<T = any>(
  supergraph: GatewayCaller,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const { body } = await supergraph.request<T>(query, variables, { token });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** The error codes a call failed with (and no data). */
export async function errorCodes(
  supergraph: GatewayCaller,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<string[]> {
  const { body } = await supergraph.request(query, variables, token ? { token } : {});
  return (body.errors ?? []).map((error: any) => error.extensions?.code);
}

export async function startConversation(supergraph: GatewayCaller, token: string, title?: string): Promise<string> {
  return (await call(supergraph, START, { title }, token)).startConversation.id;
}

export async function sendMessage(
  supergraph: GatewayCaller,
  token: string,
  conversationId: string,
  text: string,
): Promise<{ id: string; status: string; turn: number }> {
  return (await call(supergraph, SEND, { id: conversationId, text }, token)).sendMessage;
}

export interface StreamedAnswer {
  events: any[];
  text: string;
  completed: any;
}

/** Subscribes to chatStream through the gateway and collects it to the end. */
export async function streamAnswer(
  supergraph: GatewayCaller,
  token: string,
  messageId: string,
  timeoutMs = 15_000,
): Promise<StreamedAnswer> {
  const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` });
  try {
    const stream = collect(client, CHAT_STREAM, { id: messageId });
    await stream.done(timeoutMs);
    expect(stream.error ?? null).toBeNull();
    for (const result of stream.results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const events = stream.results.map((result) => (result.data as any).chatStream);
    const completed = events.at(-1);
    expect(completed?.__typename).toBe('ChatMessageCompleted');
    const text = events
      .filter((event) => event.__typename === 'ChatTokenDelta')
      .map((event) => event.text)
      .join('');
    return { events, text, completed };
  } finally {
    await client.dispose();
  }
}

/** Sends a message and streams its answer to the end. */
export async function chat(
  supergraph: GatewayCaller,
  token: string,
  conversationId: string,
  text: string,
): Promise<StreamedAnswer & { messageId: string }> {
  const sent = await sendMessage(supergraph, token, conversationId, text);
  return { messageId: sent.id, ...(await streamAnswer(supergraph, token, sent.id)) };
}
