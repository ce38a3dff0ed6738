import { createTextAnalyzer, type TextAnalyzerOptions } from '../../../platform/text/text-analyzer.js';

export interface LexicalFeatureOptions extends TextAnalyzerOptions {
  /** Add adjacent-token bigrams (after stopword removal) as features. @default false */
  bigrams?: boolean;
  /** Also add character n-grams of this length (of each stemmed token, with `<` `>` boundary marks); 0 = off.
   * They catch variants the stemmer misses (numbers, hyphenation, chemical names). @default 0 here, 4 in the lexical embedder */
  charNgrams?: number;
}

/** Unigram features are bare stems; bigrams contain `_`, character n-grams start with `#`. */
export function isUnigram(feature: string): boolean {
  return !feature.includes('_') && !feature.startsWith('#');
}

/** Term counts of one text: unigram stems, plus `a_b` bigrams when enabled. */
export type FeatureCounts = Map<string, number>;

/** Builds the function that turns a text into feature counts; documents and queries must share it. */
export function createFeatureExtractor(options: LexicalFeatureOptions = {}): (text: string) => FeatureCounts {
  const analyze = createTextAnalyzer(options);
  const bigrams = options.bigrams ?? false;
  const n = options.charNgrams ?? 0;
  return (text) => {
    const tokens = analyze(text);
    const counts: FeatureCounts = new Map();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      counts.set(token, (counts.get(token) ?? 0) + 1);
      if (n > 0 && token.length + 2 > n) {
        const marked = `<${token}>`;
        for (let j = 0; j + n <= marked.length; j++) {
          const gram = `#${marked.slice(j, j + n)}`;
          counts.set(gram, (counts.get(gram) ?? 0) + 1);
        }
      }
      if (bigrams && i > 0) {
        const bigram = `${tokens[i - 1]}_${token}`;
        counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
      }
    }
    return counts;
  };
}

/** Number of unigram tokens behind a feature-count map. */
export function unigramLength(counts: FeatureCounts): number {
  let n = 0;
  for (const [feature, count] of counts) if (isUnigram(feature)) n += count;
  return n;
}
