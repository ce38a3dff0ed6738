import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface Received {
  url: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** What the server does with one request; unscripted requests are scored by word overlap with the query. */
export type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | { hangMs: number } | 'score';

const words = (s: string) => new Set(s.toLowerCase().match(/\w+/g) ?? []);
function overlap(query: string, text: string): number {
  const q = words(query);
  return [...words(text)].filter((w) => q.has(w)).length / Math.max(1, q.size);
}

function handler(fake: FakeRerankServer) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      fake.received.push({ url: req.url ?? '', body, authorization: req.headers.authorization });
      const reply = fake.script.shift() ?? 'score';
      if (typeof reply === 'object' && 'hangMs' in reply) {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'), reply.hangMs).unref();
        return;
      }
      if (typeof reply === 'object') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.raw ?? JSON.stringify(reply.body ?? { error: 'scripted failure' }));
        return;
      }
      const query = String(body['query']);
      if (req.url === '/rerank') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const texts = body['texts'] as string[];
        // TEI answers sorted by score, best first
        const scored = texts.map((t, index) => ({ index, score: overlap(query, t) })).sort((a, b) => b.score - a.score);
        res.end(JSON.stringify(scored));
      } else if (req.url === '/v1/rerank') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const documents = body['documents'] as string[];
        const results = documents
          .map((t, index) => ({ index, relevance_score: overlap(query, t) }))
          .sort((a, b) => b.relevance_score - a.relevance_score);
        res.end(JSON.stringify({ id: 'r1', results: results.slice(0, Number(body['top_n'])) }));
      } else {
        res.writeHead(404).end();
      }
    });
  };
}

/** A local reranking endpoint (TEI's /rerank, Cohere's /v1/rerank) that records requests and plays scripted replies. */
export interface FakeRerankServer {
  baseURL: string;
  /** Requests in the order received; emptied before each test. */
  received: Received[];
  /** Replies for the next requests, in order; emptied before each test. */
  script: Reply[];
}

/** One fake server for the whole test file: listening before its tests, closed after. */
export function fakeRerankServerPerFile(): FakeRerankServer {
  const fake: FakeRerankServer = { baseURL: '', received: [], script: [] };
  let server: Server;
  beforeAll(async () => {
    server = createServer(handler(fake));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    fake.received = [];
    fake.script = [];
  });
  return fake;
}
