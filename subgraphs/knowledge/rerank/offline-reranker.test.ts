import { describe, expect, it } from 'vitest';
import { OfflineReranker } from './offline-reranker.js';
import type { RerankCandidate } from './reranker.js';
import type { TermStatistics } from './term-statistics.js';

const ids = async (r: OfflineReranker, query: string, candidates: RerankCandidate[]) =>
  (await r.rerank(query, candidates)).map((x) => x.id);

describe('OfflineReranker', () => {
  const reranker = new OfflineReranker();

  it('puts a passage with the query phrase in order above one with the same terms scattered', async () => {
    const candidates: RerankCandidate[] = [
      // Same words, same length, but "vitamin D" and "bone density" are never next to each other.
      { id: 'scattered', score: 0.02, text: 'Bone marrow vitamin levels were measured while density of D cells in plasma changed.' },
      { id: 'phrase', score: 0.019, text: 'Vitamin D supplementation increases bone density in older women over two years.' },
    ];
    expect(await ids(reranker, 'vitamin D increases bone density', candidates)).toEqual(['phrase', 'scattered']);
  });

  it('prefers a candidate whose title matches the query when the bodies are alike', async () => {
    const candidates: RerankCandidate[] = [
      { id: 'other-title', score: 0.03, title: 'Cardiac outcomes in a cohort', text: 'Statin therapy reduced mortality in the cohort.' },
      { id: 'title-match', score: 0.029, title: 'Statin therapy and mortality', text: 'Statin therapy reduced mortality in the cohort.' },
    ];
    expect(await ids(reranker, 'statin therapy reduces mortality', candidates)).toEqual(['title-match', 'other-title']);
  });

  it('covers more distinct query terms before repeating one', async () => {
    const candidates: RerankCandidate[] = [
      { id: 'repeats', score: 0.05, text: 'Insulin insulin insulin signalling, insulin receptors and insulin release in islets.' },
      { id: 'covers', score: 0.049, text: 'Insulin resistance in adipose tissue drives inflammation in obese mice.' },
    ];
    expect(await ids(reranker, 'insulin resistance adipose inflammation', candidates)).toEqual(['covers', 'repeats']);
  });

  it('keeps the first-stage order when the query tells the candidates apart by nothing', async () => {
    const candidates: RerankCandidate[] = ['c', 'a', 'b'].map((id, i) => ({ id, score: 3 - i, text: 'Unrelated text about weather.' }));
    expect(await ids(reranker, 'protein folding', candidates)).toEqual(['c', 'a', 'b']);
    expect(await reranker.rerank('protein folding', [])).toEqual([]);
  });

  it('returns every candidate exactly once, deterministically', async () => {
    const candidates: RerankCandidate[] = Array.from({ length: 20 }, (_, i) => ({
      id: `d${i}`,
      score: 1 / (i + 1),
      text: `Document ${i} about ${i % 2 ? 'gene expression in tumours' : 'expression of tumour genes'} and ${i % 3 ? 'mice' : 'patients'}.`,
    }));
    const first = await reranker.rerank('gene expression tumours patients', candidates);
    const second = await new OfflineReranker().rerank('gene expression tumours patients', candidates);
    expect(first).toEqual(second);
    expect(new Set(first.map((r) => r.id)).size).toBe(20);
  });

  it('uses corpus statistics when given: a rare term outweighs a common one', async () => {
    // "cells" is in almost every document of the corpus, "ferroptosis" in three.
    const statistics: TermStatistics = { documentCount: 1000, averageLength: 10, documentFrequency: (t) => (t === 'cell' ? 900 : 3) };
    const withStats = new OfflineReranker({ statistics });
    const candidates: RerankCandidate[] = [
      { id: 'common', score: 0.02, text: 'Cells cells and more cells in culture.' },
      { id: 'rare', score: 0.019, text: 'Ferroptosis observed in culture.' },
    ];
    expect(await ids(withStats, 'ferroptosis in cells', candidates)).toEqual(['rare', 'common']);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(reranker.rerank('q', [{ id: 'a', score: 1, text: 'q' }], { signal: controller.signal })).rejects.toThrow();
  });

  it('reranks 50 candidates of ~300 tokens in a few milliseconds', async () => {
    const words = 'protein kinase signalling pathway regulates apoptosis tumour growth mice cohort patients therapy'.split(' ');
    const candidates: RerankCandidate[] = Array.from({ length: 50 }, (_, i) => ({
      id: `d${i}`,
      score: 1 / (i + 1),
      title: `Study ${i} of ${words[i % words.length]}`,
      text: Array.from({ length: 300 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '),
    }));
    await reranker.rerank('kinase signalling regulates apoptosis in tumour cells', candidates); // warm the stem cache
    const started = performance.now();
    for (let i = 0; i < 10; i++) await reranker.rerank('kinase signalling regulates apoptosis in tumour cells', candidates);
    // 5 ms is the budget; the bound is loose because CI machines are shared.
    expect((performance.now() - started) / 10).toBeLessThan(25);
  });
});
