import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** bench:abuse's requests: a victim tenant's ordinary searches and chats, an attacker tenant's heaviest allowed ones. */

export interface Outcome {
  ms: number;
  /** `OK`, or the first error's extensions.code (a 429 without a body counts as RATE_LIMITED). */
  code: string;
  data?: any;
}

export async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let body: { data?: any; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      return { ms, code: response.status === 429 ? 'RATE_LIMITED' : `HTTP_${response.status}` };
    }
    if (body.errors?.length) return { ms, code: body.errors[0]?.extensions?.code ?? `HTTP_${response.status}` };
    return { ms, code: 'OK', data: body.data };
  } catch {
    return { ms: performance.now() - started, code: 'NETWORK_ERROR' };
  }
}

export const SEARCH = /* GraphQL */ `
  query ($q: String!, $mode: SearchMode!, $first: Int!, $rerank: Boolean!) {
    search(query: $q, mode: $mode, first: $first, rerank: $rerank) {
      score
      highlight
      chunk {
        id
        text
      }
      document {
        id
        title
      }
    }
  }
`;
export const ASSEMBLE = /* GraphQL */ `
  query ($q: String!, $budget: Int!) {
    assembleContext(query: $q, tokenBudget: $budget) {
      tokenCount
      droppedCount
      passages {
        chunkId
        text
      }
    }
  }
`;
export const START = /* GraphQL */ `
  mutation {
    startConversation(title: "bench") {
      id
    }
  }
`;
export const SEND = /* GraphQL */ `
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
      ... on ChatMessageCompleted {
        message {
          status
        }
      }
    }
  }
`;
export const INGEST = /* GraphQL */ `
  mutation ($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
    }
  }
`;
export const INGESTION_JOB = /* GraphQL */ `
  query ($id: ID!) {
    ingestionJob(id: $id) {
      status
    }
  }
`;

/** Operations the gateway must refuse before any subgraph works on them, each as one POST body. */
const rerankedSearch = (alias: string) => `${alias}: search(query: "pizza", first: 50, rerank: true) { chunk { text } document { title } }`;

/** The most expensive single operation the cost limit (5,000) admits: 12 aliased reranked searches of 50 hits (4,200). */
export const HEAVIEST_ALLOWED = `query { ${Array.from({ length: 12 }, (_, index) => rerankedSearch(`s${index}`)).join(' ')} }`;

/** Operations the gateway must refuse, or admit only because they are cheap, each as one POST body. */
export const BOMBS: Record<string, string> = {
  // 16 aliases (limit 15).
  'alias bomb (16 aliases)': `query { ${Array.from({ length: 16 }, (_, index) => `a${index}: prompts { name }`).join(' ')} }`,
  // No type of the schema nests deeper than 6; introspection is exempt from the depth limit (cheap, token-limited).
  'depth bomb (introspection, 12 deep)': `query { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`,
  // 15 reranked searches of 50 hits: cost 5,250.
  'cost bomb (15 reranked searches)': `query { ${Array.from({ length: 15 }, (_, index) => rerankedSearch(`s${index}`)).join(' ')} }`,
  // Over 2,000 lexical tokens.
  'token bomb (2,200 tokens)': `query { ${Array.from({ length: 1100 }, () => '__typename').join(' ')} }`,
  // first far above the largest page.
  'oversized page (first: 5000)': `query { search(query: "pizza", first: 5000) { score } }`,
};

/** Sends a message and waits for its answer over chatStream; `code` is the message's final status, or the error. */
export async function chatTurn(url: string, ws: Client, token: string, conversationId: string, text: string): Promise<Outcome> {
  const started = performance.now();
  const sent = await gql(url, token, SEND, { id: conversationId, text });
  if (sent.code !== 'OK') return sent;
  const status = await new Promise<string>((resolve) => {
    let last = 'NO_COMPLETION';
    ws.subscribe<any>(
      { query: STREAM, variables: { id: sent.data.sendMessage.id } },
      {
        next: (result) => {
          if (result.errors) last = (result.errors[0] as any)?.extensions?.code ?? 'STREAM_ERROR';
          const event = result.data?.chatStream;
          if (event?.__typename === 'ChatMessageCompleted') last = event.message.status;
        },
        error: () => resolve('STREAM_ERROR'),
        complete: () => resolve(last),
      },
    );
  });
  return { ms: performance.now() - started, code: status === 'COMPLETED' ? 'OK' : status };
}

export function wsClient(url: string, token: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 60_000,
  });
}

/** A large Markdown document (about `kib` KiB) of varied restaurant prose, for ingestion that chunks and embeds a lot. */
export function largeDocument(seed: number, kib: number): string {
  const words = [
    'pizza',
    'oven',
    'gluten',
    'allergen',
    'delivery',
    'refund',
    'order',
    'basil',
    'tomato',
    'mozzarella',
    'vegan',
    'dough',
    'kitchen',
    'courier',
    'table',
    'booking',
    'payment',
    'receipt',
    'spicy',
    'salad',
    'dessert',
    'tiramisu',
    'espresso',
    'wine',
  ];
  const parts: string[] = [`# Attacker handbook ${seed}\n`];
  let size = 0;
  for (let section = 0; size < kib * 1024; section++) {
    const paragraph = Array.from({ length: 60 }, (_, index) => words[(seed * 7 + section * 13 + index * index) % words.length]).join(' ');
    const text = `\n## Section ${section}\n\n${paragraph} ${section}.\n`;
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}
