import { describe, expect, it } from 'vitest';
import { mrrAt, ndcgAt, recallAt } from './metrics.js';

const judged = new Map([
  ['d2', 1],
  ['d4', 1],
  ['d9', 1],
]);
const ranking = ['d1', 'd2', 'd3', 'd4', 'd5'];

describe('retrieval metrics (hand-computed)', () => {
  it('nDCG@k', () => {
    // DCG@3 = 1/log2(3) = 0.63093; IDCG@3 = 1 + 1/log2(3) + 1/log2(4) = 2.13093
    expect(ndcgAt(3)(ranking, judged)).toBeCloseTo(0.63093 / 2.13093, 4);
    // DCG@10 = 1/log2(3) + 1/log2(5) = 1.06161
    expect(ndcgAt(10)(ranking, judged)).toBeCloseTo(1.06161 / 2.13093, 4);
    expect(ndcgAt(10)(['d2', 'd4', 'd9'], judged)).toBeCloseTo(1, 10);
    expect(ndcgAt(10)([], judged)).toBe(0);
    expect(ndcgAt(10)(ranking, new Map())).toBe(0);
  });

  it('nDCG uses graded gains', () => {
    // DCG = 1/1 + 2/log2(3) = 2.26186; ideal = 2/1 + 1/log2(3) = 2.63093
    expect(
      ndcgAt(10)(
        ['a', 'b'],
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ),
    ).toBeCloseTo(2.26186 / 2.63093, 4);
  });

  it('Recall@k', () => {
    expect(recallAt(1)(ranking, judged)).toBe(0);
    expect(recallAt(3)(ranking, judged)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(100)(ranking, judged)).toBeCloseTo(2 / 3, 10);
  });

  it('MRR@k', () => {
    expect(mrrAt(1)(ranking, judged)).toBe(0);
    expect(mrrAt(10)(ranking, judged)).toBe(0.5);
    expect(mrrAt(10)(['d9'], judged)).toBe(1);
  });
});
