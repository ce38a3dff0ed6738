import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { chunk, usageChunk } from '../fakes/model-server/chunks.js';

/**
 * bench:chat's scripted OpenAI-compatible model server. It runs in a worker thread of its own, as a real model server
 * runs on a machine of its own: in the benchmark's main thread its writes and garbage collection delayed the 100
 * clients' reads, and that delay counted as time the platform added.
 */
export interface ModelScript {
  tokensPerAnswer: number;
  tokenIntervalMs: number;
  modelTtftMs: number;
}

export interface TimedModelServer {
  baseURL: string;
  /** Per bench chat ID: when the server received the request and when it wrote the first token (epoch ms). */
  requestAt: Map<string, number>;
  firstTokenAt: Map<string, number>;
  close(): Promise<void>;
}

type Stamp = { kind: 'request' | 'first-token'; chatId: string; at: number };

const now = () => performance.timeOrigin + performance.now();

export async function startTimedModelServer(script: ModelScript): Promise<TimedModelServer> {
  const worker = new Worker(new URL(import.meta.url), { workerData: script });
  const requestAt = new Map<string, number>();
  const firstTokenAt = new Map<string, number>();
  const baseURL = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { baseURL: string } | Stamp) => {
      if ('baseURL' in message) return resolve(message.baseURL);
      (message.kind === 'request' ? requestAt : firstTokenAt).set(message.chatId, message.at);
    });
  });
  return {
    baseURL,
    requestAt,
    firstTokenAt,
    close: async () => {
      await worker.terminate();
    },
  };
}

async function serve({ tokensPerAnswer, tokenIntervalMs, modelTtftMs }: ModelScript): Promise<string> {
  const stamp = (kind: Stamp['kind'], chatId: string) => parentPort!.postMessage({ kind, chatId, at: now() } satisfies Stamp);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const parts: Buffer[] = [];
      for await (const part of req) parts.push(part as Buffer);
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { model: string; messages: { role: string; content: string }[] };
      const lastUser = body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
      const chatId = /bench-[a-z-]+-\d+-\d+/.exec(lastUser)?.[0] ?? 'unknown';
      stamp('request', chatId);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      res.write(`data: ${JSON.stringify(chunk(body.model, { role: 'assistant', content: '' }))}\n\n`);
      await sleep(modelTtftMs);
      for (let i = 0; i < tokensPerAnswer; i++) {
        if (i > 0 && tokenIntervalMs > 0) await sleep(tokenIntervalMs);
        if (res.destroyed) return;
        if (i === 0) stamp('first-token', chatId);
        res.write(`data: ${JSON.stringify(chunk(body.model, { content: `tok${i} ` }))}\n\n`);
      }
      res.write(`data: ${JSON.stringify(chunk(body.model, {}, 'stop'))}\n\n`);
      res.write(`data: ${JSON.stringify(usageChunk(body.model, { promptTokens: 400, completionTokens: tokensPerAnswer }))}\n\n`);
      res.end('data: [DONE]\n\n');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/v1`;
}

if (!isMainThread && parentPort) {
  parentPort.postMessage({ baseURL: await serve(workerData as ModelScript) });
}
