/** Relevance judgments of one query: document id → graded relevance (> 0 is relevant). */
export type Judgments = ReadonlyMap<string, number>;

/**
 * nDCG@k with linear gains (trec_eval / BEIR's pytrec_eval): DCG = Σ rel_i / log2(i + 1) over ranks 1..k,
 * divided by the DCG of the ideal ordering of all judged documents. 0 when nothing is relevant.
 */
export function ndcgAt(k: number): (ranking: readonly string[], judgments: Judgments) => number {
  return (ranking, judgments) => {
    let dcg = 0;
    for (let i = 0; i < Math.min(k, ranking.length); i++) {
      const rel = judgments.get(ranking[i]!) ?? 0;
      if (rel > 0) dcg += rel / Math.log2(i + 2);
    }
    const ideal = [...judgments.values()]
      .filter((r) => r > 0)
      .sort((a, b) => b - a)
      .slice(0, k);
    let idcg = 0;
    ideal.forEach((rel, i) => (idcg += rel / Math.log2(i + 2)));
    return idcg === 0 ? 0 : dcg / idcg;
  };
}

/** Recall@k: share of the relevant documents found in the top k. */
export function recallAt(k: number): (ranking: readonly string[], judgments: Judgments) => number {
  return (ranking, judgments) => {
    let relevant = 0;
    for (const rel of judgments.values()) if (rel > 0) relevant++;
    if (relevant === 0) return 0;
    let found = 0;
    for (const id of ranking.slice(0, k)) if ((judgments.get(id) ?? 0) > 0) found++;
    return found / relevant;
  };
}

/** MRR@k: 1 / rank of the first relevant document in the top k, 0 if none. */
export function mrrAt(k: number): (ranking: readonly string[], judgments: Judgments) => number {
  return (ranking, judgments) => {
    for (let i = 0; i < Math.min(k, ranking.length); i++) if ((judgments.get(ranking[i]!) ?? 0) > 0) return 1 / (i + 1);
    return 0;
  };
}
