import type { ScoredId } from '../../subgraphs/knowledge/search/reciprocal-rank-fusion.js';

/** Rank fusion lives beside the search that uses it; re-exported for the evaluation code. */
export { reciprocalRankFusion, type RrfOptions, type ScoredId } from '../../subgraphs/knowledge/search/reciprocal-rank-fusion.js';

/** The k best-scoring ids, best first; ties broken by id for determinism; zero scores are left out. */
export function topK(scores: ArrayLike<number>, ids: readonly string[], k: number): ScoredId[] {
  const picked: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > 0) picked.push(i);
  picked.sort((a, b) => scores[b]! - scores[a]! || (ids[a]! < ids[b]! ? -1 : 1));
  return picked.slice(0, k).map((i) => ({ id: ids[i]!, score: scores[i]! }));
}
