import type { RerankCandidate, RerankResult } from './reranker.js';

/**
 * Orders candidates by the reranker's `scores` (one per candidate, same order), best first. Ties keep the
 * first-stage order, so a reranker that cannot tell two passages apart never scrambles what retrieval found.
 */
export function orderByScores(candidates: readonly RerankCandidate[], scores: readonly number[]): RerankResult[] {
  return candidates
    .map((candidate, index) => ({ id: candidate.id, score: scores[index]!, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ id, score }) => ({ id, score }));
}
