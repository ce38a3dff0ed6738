import { describe, expect, it } from 'vitest';
import { createHttpReranker, type HttpRerankerOptions } from './http-reranker.js';
import { RerankErrorCode } from './rerank-error.js';
import type { RerankCandidate } from './reranker.js';
import { fakeRerankServerPerFile } from '../../../test/support/fake-rerank-server.js';

const fake = fakeRerankServerPerFile();

const candidates: RerankCandidate[] = [
  { id: 'a', text: 'Shipping takes five days.', title: 'Delivery', score: 0.9 },
  { id: 'b', text: 'Refunds are issued within 14 days of the return.', title: 'Refund policy', score: 0.8 },
  { id: 'c', text: 'Our office is closed on Sundays.', score: 0.7 },
];
const query = 'how many days until refunds are issued';

const cohere = (extra: Partial<HttpRerankerOptions> = {}) =>
  createHttpReranker({
    api: 'cohere',
    url: `${fake.baseURL}/`,
    model: 'jina-reranker-v2',
    apiKey: 'k',
    initialDelayMs: 1,
    maxDelayMs: 5,
    ...extra,
  });

describe('HttpReranker, Cohere/Jina style', () => {
  it('posts model, query, documents and top_n with the key, and reads relevance_score', async () => {
    const reranker = cohere();
    expect(reranker.id).toBe('http:jina-reranker-v2');
    const results = await reranker.rerank(query, candidates);
    expect(results.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(fake.received[0]!.url).toBe('/v1/rerank');
    expect(fake.received[0]!.authorization).toBe('Bearer k');
    expect(fake.received[0]!.body).toMatchObject({ model: 'jina-reranker-v2', query, top_n: 3, return_documents: false });
    expect(fake.received[0]!.body['documents']).toHaveLength(3);
  });

  it('honours a custom path (e.g. Cohere v2) and retries 5xx', async () => {
    fake.script = [{ status: 500 }];
    const error = await cohere({ path: '/v2/rerank', maxRetries: 1 })
      .rerank(query, candidates)
      .catch((e: unknown) => e);
    expect(fake.received.map((r) => r.url)).toEqual(['/v2/rerank', '/v2/rerank']);
    expect(error).toMatchObject({ status: 404, isRetryable: false }); // the test server has no /v2 route
  });

  it('requires a model name', () => {
    expect(() => createHttpReranker({ api: 'cohere', url: fake.baseURL })).toThrow(/model/);
  });

  it('rejects a body without results', async () => {
    fake.script = [{ status: 200, body: [{ index: 0, relevance_score: 1 }] }];
    expect(
      await cohere()
        .rerank(query, candidates)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: RerankErrorCode.InvalidResponse });
  });
});
