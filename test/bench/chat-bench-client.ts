import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import type { ServerProcess } from './start-server-process.js';

/** bench:chat's simulated users: each one a conversation driven through the gateway, timed turn by turn. */

/** How the chats of one row join and how many turns each sends. */
export interface Scenario {
  name: string;
  rampMs: number;
  turns: number;
  thinkMinMs: number;
  thinkMaxMs: number;
}

const START = /* GraphQL */ `
  mutation {
    startConversation(title: "bench") {
      id
    }
  }
`;
const SEND = /* GraphQL */ `
  mutation ($id: ID!, $text: String!) {
    sendMessage(conversationId: $id, text: $text) {
      id
    }
  }
`;
const STREAM = /* GraphQL */ `
  subscription ($id: ID!) {
    chatStream(messageId: $id) {
      __typename
      ... on ChatTokenDelta {
        text
      }
      ... on ChatMessageCompleted {
        message {
          status
        }
      }
    }
  }
`;

async function request(server: ServerProcess, query: string, variables: Record<string, unknown>, bearer: string): Promise<any> {
  const response = await fetch(server.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export interface TurnResult {
  /** Client-observed TTFT minus the model server's own TTFT: the "time to first token added by the platform". */
  addedTtftMs: number;
  /** sendMessage sent -> the model server received the request: the platform's work before the model starts. */
  sendToModelRequestMs: number;
  /** sendMessage sent -> its answer (the message's ID) received: the client subscribes to chatStream only then. */
  sendToMessageIdMs: number;
  /** The model server wrote the first token -> the client received it: the streaming path's share. */
  firstTokenDeliveryMs: number;
  sendToFirstTokenMs: number;
  streamTokensPerSecond: number;
  totalMs: number;
  tokens: number;
  /** ChatTokenDelta events received (fewer than tokens when deltas were merged for a lagging subscriber). */
  events: number;
  status: string;
}

export interface ModelTimings {
  firstTokenAt: Map<string, number>;
  requestAt: Map<string, number>;
}

const now = () => performance.timeOrigin + performance.now();

/** One user: a conversation and one graphql-ws connection kept for all their turns, as an app would. */
export async function runChat(server: ServerProcess, index: number, scenario: Scenario, model: ModelTimings): Promise<TurnResult[]> {
  const config = loadConfig();
  const token = await signDevToken(config, { sub: `bench-user-${index}`, tenant: 'demo', roles: ['customer'] });
  const conversationId = (await request(server, START, {}, token)).startConversation.id as string;
  const client = createClient({
    url: server.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 60_000,
  });
  const results: TurnResult[] = [];
  try {
    for (let turn = 0; turn < scenario.turns; turn++) {
      if (turn > 0) await sleep(scenario.thinkMinMs + Math.random() * (scenario.thinkMaxMs - scenario.thinkMinMs));
      results.push(await runTurn(server, client, token, conversationId, `bench-${scenario.name}-${index}-${turn}`, model));
    }
    return results;
  } finally {
    await client.dispose();
  }
}

async function runTurn(
  server: ServerProcess,
  client: Client,
  token: string,
  conversationId: string,
  chatId: string,
  { firstTokenAt, requestAt }: ModelTimings,
): Promise<TurnResult> {
  const sentAt = now();
  const messageId = (await request(server, SEND, { id: conversationId, text: `Tell me about the menu (${chatId})` }, token)).sendMessage
    .id as string;
  const answeredAt = now();
  // Deltas a lagging subscriber receives merged, so tokens are counted in the text, not per event.
  const arrivals: { at: number; tokens: number }[] = [];
  let status = 'NO_COMPLETION';
  await new Promise<void>((resolve, reject) => {
    client.subscribe<any>(
      { query: STREAM, variables: { id: messageId } },
      {
        next: (result) => {
          if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
          const event = result.data?.chatStream;
          if (event?.__typename === 'ChatTokenDelta') arrivals.push({ at: now(), tokens: (event.text.match(/tok\d+ /g) ?? []).length });
          if (event?.__typename === 'ChatMessageCompleted') status = event.message.status;
        },
        error: reject,
        complete: resolve,
      },
    );
  });
  const doneAt = now();
  const serverFirst = firstTokenAt.get(chatId) ?? Number.NaN;
  const serverRequest = requestAt.get(chatId) ?? Number.NaN;
  if (Number.isNaN(serverRequest)) throw new Error(`${chatId} was answered without calling the model`);
  const first = arrivals[0]?.at ?? Number.NaN;
  const streamSeconds = ((arrivals.at(-1)?.at ?? first) - first) / 1000;
  const tokens = arrivals.reduce((sum, arrival) => sum + arrival.tokens, 0);
  return {
    addedTtftMs: first - sentAt - (serverFirst - serverRequest),
    sendToModelRequestMs: serverRequest - sentAt,
    sendToMessageIdMs: answeredAt - sentAt,
    firstTokenDeliveryMs: first - serverFirst,
    sendToFirstTokenMs: first - sentAt,
    // Tokens after the first delivery, over the time they took to arrive.
    streamTokensPerSecond: streamSeconds > 0 ? (tokens - (arrivals[0]?.tokens ?? 0)) / streamSeconds : Number.NaN,
    totalMs: doneAt - sentAt,
    tokens,
    events: arrivals.length,
    status,
  };
}
