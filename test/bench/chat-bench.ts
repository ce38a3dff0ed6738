import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { chunk, usageChunk } from '../fake-model-server/chunks.js';
import { wsClient } from '../support/ws-client.js';
import { percentile, publishReport, type Row } from './benchmark-report.js';
import { startServerProcess, type ServerProcess } from './start-server-process.js';

/**
 * `npm run bench:chat`: N concurrent chats through the gateway against a scripted OpenAI-compatible model server.
 * The model server stamps when it writes each answer's first token; the client stamps when that token arrives over
 * chatStream. The difference is the time to first token the platform adds (assistant subgraph, tool loop, hub,
 * subscription bridge, gateway), independent of how fast the model is. Both stamps use this process's clock.
 */
const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '100' },
    tokens: { type: 'string', default: '50', short: 't' },
    'token-interval-ms': { type: 'string', default: '10' },
    'model-ttft-ms': { type: 'string', default: '300' },
    /** Start-up keeps working after "RAGline is running" (seeding and indexing the knowledge base); wait it out. */
    'settle-ms': { type: 'string', default: '0' },
  },
});
const chats = Number(values.chats);
const tokensPerAnswer = Number(values.tokens);
const tokenIntervalMs = Number(values['token-interval-ms']);
const modelTtftMs = Number(values['model-ttft-ms']);

const START = /* GraphQL */ `mutation { startConversation(title: "bench") { id } }`;
const SEND = /* GraphQL */ `mutation($id: ID!, $text: String!) { sendMessage(conversationId: $id, text: $text) { id } }`;
const STREAM = /* GraphQL */ `subscription($id: ID!) { chatStream(messageId: $id) { __typename ... on ChatTokenDelta { text } ... on ChatMessageCompleted { message { status } } } }`;

/** A streaming chat-completions server that records, per bench chat, when it wrote the first token. */
async function startTimedModelServer(): Promise<{ baseURL: string; firstTokenAt: Map<string, number>; requestAt: Map<string, number>; close(): Promise<void> }> {
  const firstTokenAt = new Map<string, number>();
  const requestAt = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const parts: Buffer[] = [];
      for await (const part of req) parts.push(part as Buffer);
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { model: string; messages: { role: string; content: string }[] };
      const lastUser = body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
      const chatId = /bench-chat-(\d+)/.exec(lastUser)?.[0] ?? 'unknown';
      requestAt.set(chatId, performance.timeOrigin + performance.now());
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      res.write(`data: ${JSON.stringify(chunk(body.model, { role: 'assistant', content: '' }))}\n\n`);
      await sleep(modelTtftMs);
      for (let i = 0; i < tokensPerAnswer; i++) {
        if (i > 0 && tokenIntervalMs > 0) await sleep(tokenIntervalMs);
        if (res.destroyed) return;
        if (i === 0) firstTokenAt.set(chatId, performance.timeOrigin + performance.now());
        res.write(`data: ${JSON.stringify(chunk(body.model, { content: `tok${i} ` }))}\n\n`);
      }
      res.write(`data: ${JSON.stringify(chunk(body.model, {}, 'stop'))}\n\n`);
      res.write(`data: ${JSON.stringify(usageChunk(body.model, { promptTokens: 400, completionTokens: tokensPerAnswer }))}\n\n`);
      res.end('data: [DONE]\n\n');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    firstTokenAt,
    requestAt,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

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

interface ChatResult {
  /** sendMessage sent -> the model server received the request: the platform's work before the model starts. */
  sendToModelRequestMs: number;
  sendToFirstTokenMs: number;
  platformTtftMs: number;
  streamTokensPerSecond: number;
  totalMs: number;
  tokens: number;
  /** ChatTokenDelta events received (fewer than tokens when deltas were merged for a lagging subscriber). */
  events: number;
  status: string;
}

async function runChat(server: ServerProcess, index: number, { firstTokenAt, requestAt }: { firstTokenAt: Map<string, number>; requestAt: Map<string, number> }): Promise<ChatResult> {
  const config = loadConfig();
  const token = await signDevToken(config, { sub: `bench-user-${index}`, tenant: 'demo', roles: ['customer'] });
  const conversationId = (await request(server, START, {}, token)).startConversation.id as string;
  const client = wsClient(server.gatewayUrl.replace(/^http/, 'ws'), { authorization: `Bearer ${token}` });
  const chatId = `bench-chat-${index}`;
  try {
    const sentAt = performance.timeOrigin + performance.now();
    const messageId = (await request(server, SEND, { id: conversationId, text: `Tell me about the menu (${chatId})` }, token)).sendMessage.id as string;
    // Deltas a lagging subscriber receives merged, so tokens are counted in the text, not per event.
    const arrivals: { at: number; tokens: number }[] = [];
    let status = 'NO_COMPLETION';
    await new Promise<void>((resolve, reject) => {
      client.subscribe<any>({ query: STREAM, variables: { id: messageId } }, {
        next: (result) => {
          if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
          const event = result.data?.chatStream;
          if (event?.__typename === 'ChatTokenDelta') arrivals.push({ at: performance.timeOrigin + performance.now(), tokens: (event.text.match(/tok\d+ /g) ?? []).length });
          if (event?.__typename === 'ChatMessageCompleted') status = event.message.status;
        },
        error: reject,
        complete: resolve,
      });
    });
    const doneAt = performance.timeOrigin + performance.now();
    const serverFirst = firstTokenAt.get(chatId);
    const first = arrivals[0]?.at ?? Number.NaN;
    const streamSeconds = ((arrivals.at(-1)?.at ?? first) - first) / 1000;
    const tokens = arrivals.reduce((sum, arrival) => sum + arrival.tokens, 0);
    return {
      sendToModelRequestMs: (requestAt.get(chatId) ?? Number.NaN) - sentAt,
      sendToFirstTokenMs: first - sentAt,
      platformTtftMs: serverFirst === undefined ? Number.NaN : first - serverFirst,
      // Tokens after the first delivery, over the time they took to arrive.
      streamTokensPerSecond: streamSeconds > 0 ? (tokens - (arrivals[0]?.tokens ?? 0)) / streamSeconds : Number.NaN,
      totalMs: doneAt - sentAt,
      tokens,
      events: arrivals.length,
      status,
    };
  } finally {
    await client.dispose();
  }
}

const model = await startTimedModelServer();
process.env.OPENAI_BASE_URL = model.baseURL;
process.env.MODEL_MAX_RETRIES = '0';
const server = await startServerProcess();
const rows: Row[] = [];
try {
  await sleep(Number(values['settle-ms']));
  // One chat first, so start-up work (JIT, prompt rendering, first connections) is not measured.
  await runChat(server, 100_000, model);
  const started = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: chats }, (_, index) => runChat(server, index, model)));
  const wallSeconds = (performance.now() - started) / 1000;
  const ok = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = settled.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
  if (failures.length) console.error('failed chats:', failures.slice(0, 3).map((failure) => String(failure.reason)));
  const sorted = (pick: (result: ChatResult) => number) => ok.map(pick).filter(Number.isFinite).sort((a, b) => a - b);
  const platform = sorted((result) => result.platformTtftMs);
  const sendToFirst = sorted((result) => result.sendToFirstTokenMs);
  const perStream = sorted((result) => result.streamTokensPerSecond);
  const total = sorted((result) => result.totalMs);
  const tokens = ok.reduce((sum, result) => sum + result.tokens, 0);
  const round = (value: number) => (Number.isFinite(value) ? Math.round(value) : 'n/a');
  rows.push({
    'concurrent chats': chats,
    completed: ok.filter((result) => result.status === 'COMPLETED' && result.tokens === tokensPerAnswer).length,
    failed: failures.length + ok.filter((result) => result.status !== 'COMPLETED' || result.tokens !== tokensPerAnswer).length,
    'platform TTFT p50 ms': round(percentile(platform, 50)),
    'platform TTFT p95 ms': round(percentile(platform, 95)),
    'send -> model request p50 ms': round(percentile(sorted((result) => result.sendToModelRequestMs), 50)),
    'send -> model request p95 ms': round(percentile(sorted((result) => result.sendToModelRequestMs), 95)),
    'send -> first token p50 ms': round(percentile(sendToFirst, 50)),
    'send -> first token p95 ms': round(percentile(sendToFirst, 95)),
    'tokens/s per stream p50': round(percentile(perStream, 50)),
    'tokens/s per stream p5': round(percentile(perStream, 5)),
    'tokens/s delivered (all chats)': round(tokens / wallSeconds),
    'delta events per answer p50': round(percentile(sorted((result) => result.events), 50)),
    'turn p95 ms': round(percentile(total, 95)),
  });
  console.log(rows.at(-1));
} finally {
  await server.stop();
  await model.close();
}
const config = loadConfig();
const transport = `${config.REDIS_URL ? 'Redis Streams' : 'in-process bus'}, ${config.databaseUrlFor('assistant').startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}`;
await publishReport(
  `bench:chat (${transport})`,
  `${chats} users chat at once through the gateway: startConversation, sendMessage, then chatStream over graphql-ws. A scripted OpenAI-compatible model server (in the benchmark's process) answers every message with ${tokensPerAnswer} tokens, ${tokenIntervalMs} ms apart, after ${modelTtftMs} ms. ` +
    'Platform TTFT = client receipt of the first ChatTokenDelta minus the moment the model server wrote that token (both on the benchmark\'s clock): what the assistant subgraph, its hub, the subscription bridge and the gateway add. ' +
    `"send -> model request" is the platform's work before the model is called (sendMessage through the gateway, redaction, screening, two short writes, prompt), queued behind the other chats' work. "send -> first token" adds the model's ${modelTtftMs} ms. Started ${values['settle-ms']} ms after the server reported ready, after one warm-up chat. The model streams at ${Math.round(1000 / Math.max(1, tokenIntervalMs))} tokens/s, the ceiling of "tokens/s per stream". The supergraph runs as \`npm start\` does, in its own process (${transport}).`,
  rows,
);
