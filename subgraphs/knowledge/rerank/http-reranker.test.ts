import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpReranker, type HttpRerankerOptions } from './http-reranker.js';
import { RerankError, RerankErrorCode } from './rerank-error.js';
import type { RerankCandidate } from './reranker.js';

interface Received {
  url: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** What the server does with one request; unscripted requests are scored by word overlap with the query. */
type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | { hangMs: number } | 'score';

let server: Server;
let baseURL: string;
let received: Received[] = [];
let script: Reply[] = [];

const words = (s: string) => new Set(s.toLowerCase().match(/\w+/g) ?? []);
function overlap(query: string, text: string): number {
  const q = words(query);
  return [...words(text)].filter((w) => q.has(w)).length / Math.max(1, q.size);
}

function handle(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  req.on('end', () => {
    const body = JSON.parse(raw) as Record<string, unknown>;
    received.push({ url: req.url ?? '', body, authorization: req.headers.authorization });
    const reply = script.shift() ?? 'score';
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
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  script = [];
});

const candidates: RerankCandidate[] = [
  { id: 'a', text: 'Shipping takes five days.', title: 'Delivery', score: 0.9 },
  { id: 'b', text: 'Refunds are issued within 14 days of the return.', title: 'Refund policy', score: 0.8 },
  { id: 'c', text: 'Our office is closed on Sundays.', score: 0.7 },
];
const query = 'how many days until refunds are issued';

const tei = (extra: Partial<HttpRerankerOptions> = {}) =>
  createHttpReranker({ api: 'tei', url: baseURL, initialDelayMs: 1, maxDelayMs: 5, timeoutMs: 2_000, ...extra });
const cohere = (extra: Partial<HttpRerankerOptions> = {}) =>
  createHttpReranker({
    api: 'cohere',
    url: `${baseURL}/`,
    model: 'jina-reranker-v2',
    apiKey: 'k',
    initialDelayMs: 1,
    maxDelayMs: 5,
    ...extra,
  });

describe('HttpReranker, TEI style', () => {
  it('posts query and texts (titles prepended) and returns every candidate, best first', async () => {
    const results = await tei().rerank(query, candidates);
    expect(results.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe('/rerank');
    expect(received[0]!.body).toEqual({
      query,
      texts: [
        'Delivery\n\nShipping takes five days.',
        'Refund policy\n\nRefunds are issued within 14 days of the return.',
        'Our office is closed on Sundays.',
      ],
      raw_scores: false,
      truncate: true,
    });
    expect(received[0]!.authorization).toBeUndefined();
  });

  it('names itself after the model or the host', () => {
    expect(tei({ model: 'bge-reranker-base' }).id).toBe('http:bge-reranker-base');
    expect(tei().id).toBe(`http:${new URL(baseURL).host}`);
  });

  it('splits large candidate lists into batches and merges their scores', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, text: i === 3 ? 'refunds issued' : `filler ${i}`, score: 1 }));
    const results = await tei({ maxBatchSize: 2, includeTitle: false }).rerank('refunds issued', many);
    expect(received.map((r) => (r.body['texts'] as string[]).length)).toEqual([2, 2, 1]);
    expect(results[0]!.id).toBe('d3');
    expect(results.map((r) => r.id).slice(1)).toEqual(['d0', 'd1', 'd2', 'd4']); // ties keep first-stage order
  });

  it('sends no request for no candidates', async () => {
    expect(await tei().rerank(query, [])).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    script = [{ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 503 }];
    const results = await tei().rerank(query, candidates);
    expect(received).toHaveLength(3);
    expect(results[0]!.id).toBe('b');
  });

  it('gives up after maxRetries with a retryable RerankError carrying the status', async () => {
    script = [{ status: 502 }, { status: 502 }, { status: 502 }];
    const error = await tei({ maxRetries: 2 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankError);
    expect(error).toMatchObject({ code: RerankErrorCode.RequestFailed, status: 502, isRetryable: true });
    expect((error as Error).message).toContain('HTTP 502');
    expect(received).toHaveLength(3);
  });

  it('does not retry a 4xx request error and reports the body', async () => {
    script = [{ status: 413, body: { error: 'batch size 40 > maximum allowed batch size 32' } }];
    const error = await tei()
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.RequestFailed, status: 413, isRetryable: false });
    expect((error as Error).message).toContain('maximum allowed batch size');
    expect(received).toHaveLength(1);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    script = [{ status: 429, headers: { 'retry-after': '120' } }];
    const error = await tei({ maxRetryAfterMs: 1_000 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(received).toHaveLength(1);
  });

  it('times out each attempt and retries it', async () => {
    script = [{ hangMs: 1_000 }];
    const started = Date.now();
    const results = await tei({ timeoutMs: 100 }).rerank(query, candidates);
    expect(results[0]!.id).toBe('b');
    expect(received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports a timeout once retries are exhausted', async () => {
    script = [{ hangMs: 1_000 }, { hangMs: 1_000 }];
    const error = await tei({ timeoutMs: 50, maxRetries: 1 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.Timeout, isRetryable: true });
    expect((error as Error).message).toContain('timed out after 50ms');
  });

  it('stops at once when the caller aborts', async () => {
    script = [{ hangMs: 1_000 }];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await tei()
      .rerank(query, candidates, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.Aborted, isRetryable: false });
    expect(received).toHaveLength(1);
  });

  it('rejects answers that do not score every candidate exactly once', async () => {
    for (const body of [
      { results: [] },
      [{ index: 0, score: 1 }],
      [
        { index: 0, score: 1 },
        { index: 1, score: 1 },
        { index: 1, score: 1 },
      ],
      [
        { index: 0, score: 'high' },
        { index: 1, score: 1 },
        { index: 2, score: 1 },
      ],
      [{ index: 7, score: 1 }],
    ]) {
      script = [{ status: 200, body }];
      const error = await tei()
        .rerank(query, candidates)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toMatchObject({ code: RerankErrorCode.InvalidResponse, isRetryable: false });
    }
    script = [{ status: 200, raw: 'not json' }];
    expect(
      await tei()
        .rerank(query, candidates)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: RerankErrorCode.InvalidResponse });
  });

  it('reports an unreachable endpoint as retryable', async () => {
    const error = await createHttpReranker({ api: 'tei', url: 'http://127.0.0.1:9', maxRetries: 0 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.RequestFailed, isRetryable: true });
    expect((error as Error).message).toContain('unreachable');
  });
});

describe('HttpReranker, Cohere/Jina style', () => {
  it('posts model, query, documents and top_n with the key, and reads relevance_score', async () => {
    const reranker = cohere();
    expect(reranker.id).toBe('http:jina-reranker-v2');
    const results = await reranker.rerank(query, candidates);
    expect(results.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(received[0]!.url).toBe('/v1/rerank');
    expect(received[0]!.authorization).toBe('Bearer k');
    expect(received[0]!.body).toMatchObject({ model: 'jina-reranker-v2', query, top_n: 3, return_documents: false });
    expect(received[0]!.body['documents']).toHaveLength(3);
  });

  it('honours a custom path (e.g. Cohere v2) and retries 5xx', async () => {
    script = [{ status: 500 }];
    const error = await cohere({ path: '/v2/rerank', maxRetries: 1 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(received.map((r) => r.url)).toEqual(['/v2/rerank', '/v2/rerank']);
    expect(error).toMatchObject({ status: 404, isRetryable: false }); // the test server has no /v2 route
  });

  it('requires a model name', () => {
    expect(() => createHttpReranker({ api: 'cohere', url: baseURL })).toThrow(/model/);
  });

  it('rejects a body without results', async () => {
    script = [{ status: 200, body: [{ index: 0, relevance_score: 1 }] }];
    expect(
      await cohere()
        .rerank(query, candidates)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: RerankErrorCode.InvalidResponse });
  });
});
