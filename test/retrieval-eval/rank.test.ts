import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import { reciprocalRankFusion, topK } from './rank.js';

describe('ranking helpers', () => {
  it('topK sorts by score, breaks ties by id and skips zero scores', () => {
    expect(topK([0.5, 0, 0.9, 0.5], ['c', 'x', 'a', 'b'], 10).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('reciprocal rank fusion adds w / (k + rank)', () => {
    const fused = reciprocalRankFusion(
      [
        [
          { id: 'a', score: 9 },
          { id: 'b', score: 8 },
        ],
        [
          { id: 'b', score: 1 },
          { id: 'c', score: 0.5 },
        ],
      ],
      { k: 60, weights: [1, 0.5] },
    );
    expect(fused.map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
  });

  it('BM25 prefers the document matching the rarer term', () => {
    const index = new Bm25Index([
      { id: 'common', text: 'cells cells cells protein' },
      { id: 'rare', text: 'cells telomerase' },
      { id: 'other', text: 'cells growth' },
    ]);
    expect(index.search('telomerase in cells', 10)[0]!.id).toBe('rare');
    expect(index.search('nothing matches', 10)).toEqual([]);
  });

  it('exact vector index ranks by cosine', () => {
    const index = new ExactVectorIndex(
      ['x', 'y', 'z'],
      [
        [1, 0, 0],
        [0.6, 0.8, 0],
        [0, 0, 2],
      ],
      3,
    );
    const hits = index.search([0, 1, 0], 3);
    expect(hits.map((h) => h.id)).toEqual(['y', 'x', 'z']);
    expect(hits[0]!.score).toBeCloseTo(0.8, 6);
  });

  it('exact vector index ranks by inner product when told to: longer documents weigh more', () => {
    const index = new ExactVectorIndex(
      ['short', 'long'],
      [
        [0.3, 0.1],
        [0.6, 0.8],
      ],
      2,
      'inner-product',
    );
    const hits = index.search([2, 0], 2);
    expect(hits.map((h) => h.id)).toEqual(['long', 'short']);
    expect(hits[0]!.score).toBeCloseTo(0.6, 6);
  });
});
