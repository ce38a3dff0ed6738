import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingError } from './embedding-error.js';
import { createOpenAIEmbedder } from './openai-embedder.js';

interface Received {
  model: string;
  input: string[];
  encoding_format?: string;
  dimensions?: number;
  authorization: string | undefined;
}

/** A scripted OpenAI-compatible POST /v1/embeddings: each request takes the next scripted reply (default: success). */
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'success' | { dimensions: number };

let server: Server;
let baseURL: string;
let received: Received[] = [];
let script: Reply[] = [];

function vectorFor(text: string, dims: number): number[] {
  return Array.from({ length: dims }, (_, i) => (text.length + i) / 100);
}

function handle(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(raw) as Omit<Received, 'authorization'>;
    received.push({ ...body, authorization: req.headers.authorization });
    const reply = script.shift() ?? 'success';
    if (typeof reply === 'object' && 'status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { error: { message: 'scripted failure', type: 'test' } }));
      return;
    }
    const dims = typeof reply === 'object' ? reply.dimensions : 4;
    // answer in reverse order to check that results are re-ordered by `index`
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: vectorFor(text, dims) })).reverse();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  script = [];
});

const embedder = (extra: Partial<Parameters<typeof createOpenAIEmbedder>[0]> = {}) =>
  createOpenAIEmbedder({ baseURL, apiKey: 'test-key', model: 'tiny-embed', dimensions: 4, maxRetries: 2, ...extra });

describe('OpenAI-compatible embedder', () => {
  it('embeds in input order, batches, and sends float encoding and the key', async () => {
    const out = await embedder({ maxBatchSize: 2 }).embed(['a', 'bb', 'ccc', 'dddd', 'eeeee'], 'document');
    expect(out.map((v) => v.length)).toEqual([4, 4, 4, 4, 4]);
    expect(out.map((v) => Math.round(v[0]! * 100))).toEqual([1, 2, 3, 4, 5]);
    expect(out[0]).toBeInstanceOf(Float32Array);
    expect(received.map((r) => r.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(received[0]).toMatchObject({ model: 'tiny-embed', encoding_format: 'float', authorization: 'Bearer test-key' });
    expect(received[0]!.dimensions).toBeUndefined();
  });

  it('adds purpose prefixes and, when asked, the dimensions parameter', async () => {
    const e = embedder({ queryPrefix: 'query: ', documentPrefix: 'passage: ', requestDimensions: true });
    await e.embed(['x'], 'query');
    await e.embed(['y'], 'document');
    expect(received.map((r) => r.input[0])).toEqual(['query: x', 'passage: y']);
    expect(received[0]!.dimensions).toBe(4);
    expect(e.id).toBe('openai-compatible:tiny-embed:4:query: |passage: ');
  });

  it('retries a 429 and then succeeds', async () => {
    script = [{ status: 429, headers: { 'retry-after-ms': '5' } }, 'success'];
    const out = await embedder().embed(['hello'], 'query');
    expect(out).toHaveLength(1);
    expect(received).toHaveLength(2);
  });

  it('retries 5xx up to maxRetries and then fails with a retryable error', async () => {
    script = [503, 503, 503, 503].map((status) => ({ status, headers: { 'retry-after-ms': '1' } }));
    const error = await embedder({ maxRetries: 2 })
      .embed(['hello'], 'query')
      .catch((e: unknown) => e);
    expect(received).toHaveLength(3);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ code: 'EMBEDDING_REQUEST_FAILED', isRetryable: true, status: 503 });
  });

  it('does not retry a 400 and marks it non-retryable', async () => {
    script = [{ status: 400, body: { error: { message: 'input too long', type: 'invalid_request_error' } } }];
    const error = await embedder()
      .embed(['hello'], 'query')
      .catch((e: unknown) => e);
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: 'EMBEDDING_REQUEST_FAILED', isRetryable: false, status: 400 });
  });

  it('rejects vectors of the wrong dimension with EMBEDDING_DIMENSION_MISMATCH', async () => {
    script = [{ dimensions: 3 }];
    const error = await embedder()
      .embed(['hello'], 'document')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ code: 'EMBEDDING_DIMENSION_MISMATCH', isRetryable: false });
    expect((error as Error).message).toContain('returned 3-dimensional vectors, configured for 4');
  });

  it('uses an injected fetch', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    await embedder({ fetch }).embed(['x'], 'query');
    expect(urls).toEqual([`${baseURL}/embeddings`]);
  });

  it('reports an unreachable endpoint as a retryable error', async () => {
    const e = createOpenAIEmbedder({ baseURL: 'http://127.0.0.1:1/v1', apiKey: 'k', model: 'm', dimensions: 4, maxRetries: 0 });
    const error = await e.embed(['x'], 'query').catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'EMBEDDING_REQUEST_FAILED', isRetryable: true });
  });
});
