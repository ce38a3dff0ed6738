export interface ScoredId {
  id: string;
  score: number;
}

export interface RrfOptions {
  /** @default 60 */
  k?: number;
  /** One weight per ranking. @default all 1 */
  weights?: number[];
}

/** Reciprocal rank fusion (Cormack et al. 2009): score(d) = Σ wᵢ / (k + rankᵢ(d)), ranks from 1. */
export function reciprocalRankFusion(rankings: readonly (readonly ScoredId[])[], options: RrfOptions = {}): ScoredId[] {
  const k = options.k ?? 60;
  const fused = new Map<string, number>();
  rankings.forEach((ranking, r) => {
    const w = options.weights?.[r] ?? 1;
    ranking.forEach(({ id }, i) => fused.set(id, (fused.get(id) ?? 0) + w / (k + i + 1)));
  });
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
