import { describe, expect, it } from 'vitest';
import { createHttpReranker, type HttpRerankerOptions } from './http-reranker.js';
import { RerankError, RerankErrorCode } from './rerank-error.js';
import type { RerankCandidate } from './reranker.js';
import { fakeRerankServerPerFile } from '../../../test/support/fake-rerank-server.js';

const fake = fakeRerankServerPerFile();

const candidates: RerankCandidate[] = [
  { id: 'a', text: 'Shipping takes five days.', title: 'Delivery', score: 0.9 },
  { id: 'b', text: 'Refunds are issued within 14 days of the return.', title: 'Refund policy', score: 0.8 },
  { id: 'c', text: 'Our office is closed on Sundays.', score: 0.7 },
];
const query = 'how many days until refunds are issued';

const tei = (extra: Partial<HttpRerankerOptions> = {}) =>
  createHttpReranker({ api: 'tei', url: fake.baseURL, initialDelayMs: 1, maxDelayMs: 5, timeoutMs: 2_000, ...extra });

describe('HttpReranker, TEI style', () => {
  it('posts query and texts (titles prepended) and returns every candidate, best first', async () => {
    const results = await tei().rerank(query, candidates);
    expect(results.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.url).toBe('/rerank');
    expect(fake.received[0]!.body).toEqual({
      query,
      texts: [
        'Delivery\n\nShipping takes five days.',
        'Refund policy\n\nRefunds are issued within 14 days of the return.',
        'Our office is closed on Sundays.',
      ],
      raw_scores: false,
      truncate: true,
    });
    expect(fake.received[0]!.authorization).toBeUndefined();
  });

  it('names itself after the model or the host', () => {
    expect(tei({ model: 'bge-reranker-base' }).id).toBe('http:bge-reranker-base');
    expect(tei().id).toBe(`http:${new URL(fake.baseURL).host}`);
  });

  it('splits large candidate lists into batches and merges their scores', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, text: i === 3 ? 'refunds issued' : `filler ${i}`, score: 1 }));
    const results = await tei({ maxBatchSize: 2, includeTitle: false }).rerank('refunds issued', many);
    expect(fake.received.map((r) => (r.body['texts'] as string[]).length)).toEqual([2, 2, 1]);
    expect(results[0]!.id).toBe('d3');
    expect(results.map((r) => r.id).slice(1)).toEqual(['d0', 'd1', 'd2', 'd4']); // ties keep first-stage order
  });

  it('sends no request for no candidates', async () => {
    expect(await tei().rerank(query, [])).toEqual([]);
    expect(fake.received).toHaveLength(0);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    fake.script = [{ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 503 }];
    const results = await tei().rerank(query, candidates);
    expect(fake.received).toHaveLength(3);
    expect(results[0]!.id).toBe('b');
  });

  it('gives up after maxRetries with a retryable RerankError carrying the status', async () => {
    fake.script = [{ status: 502 }, { status: 502 }, { status: 502 }];
    const error = await tei({ maxRetries: 2 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankError);
    expect(error).toMatchObject({ code: RerankErrorCode.RequestFailed, status: 502, isRetryable: true });
    expect((error as Error).message).toContain('HTTP 502');
    expect(fake.received).toHaveLength(3);
  });

  it('does not retry a 4xx request error and reports the body', async () => {
    fake.script = [{ status: 413, body: { error: 'batch size 40 > maximum allowed batch size 32' } }];
    const error = await tei()
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.RequestFailed, status: 413, isRetryable: false });
    expect((error as Error).message).toContain('maximum allowed batch size');
    expect(fake.received).toHaveLength(1);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    fake.script = [{ status: 429, headers: { 'retry-after': '120' } }];
    const error = await tei({ maxRetryAfterMs: 1_000 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(fake.received).toHaveLength(1);
  });

  it('times out each attempt and retries it', async () => {
    fake.script = [{ hangMs: 1_000 }];
    const started = Date.now();
    const results = await tei({ timeoutMs: 100 }).rerank(query, candidates);
    expect(results[0]!.id).toBe('b');
    expect(fake.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports a timeout once retries are exhausted', async () => {
    fake.script = [{ hangMs: 1_000 }, { hangMs: 1_000 }];
    const error = await tei({ timeoutMs: 50, maxRetries: 1 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.Timeout, isRetryable: true });
    expect((error as Error).message).toContain('timed out after 50ms');
  });

  it('stops at once when the caller aborts', async () => {
    fake.script = [{ hangMs: 1_000 }];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await tei()
      .rerank(query, candidates, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RerankErrorCode.Aborted, isRetryable: false });
    expect(fake.received).toHaveLength(1);
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
      fake.script = [{ status: 200, body }];
      const error = await tei()
        .rerank(query, candidates)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toMatchObject({ code: RerankErrorCode.InvalidResponse, isRetryable: false });
    }
    fake.script = [{ status: 200, raw: 'not json' }];
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
