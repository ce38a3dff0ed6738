import { createTextAnalyzer } from '../../../platform/text/text-analyzer.js';

/**
 * Stems with stopwords kept: "is it vegan" and "is it not vegan" must not look alike to a cache that returns
 * answers, so function words (and word pairs, for order) stay in the vector.
 */
const analyze = createTextAnalyzer({ stopwords: false });

/** A sparse term-frequency vector of stems and adjacent stem pairs, L2-normalised. */
export type LexicalVector = ReadonlyMap<string, number>;

export function lexicalVector(text: string): LexicalVector {
  const stems = analyze(text);
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  stems.forEach((stem, index) => {
    add(stem);
    if (index > 0) add(`${stems[index - 1]} ${stem}`);
  });
  const norm = Math.sqrt([...counts.values()].reduce((sum, count) => sum + count * count, 0));
  if (norm > 0) for (const [feature, count] of counts) counts.set(feature, count / norm);
  return counts;
}

/** Cosine similarity of two normalised vectors: 1 for the same wording, 0 for no shared stem. */
export function cosine(a: LexicalVector, b: LexicalVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [feature, weight] of small) dot += weight * (large.get(feature) ?? 0);
  return dot;
}

export function termCount(text: string): number {
  return analyze(text).length;
}
