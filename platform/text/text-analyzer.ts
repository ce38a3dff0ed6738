import { stemmer } from 'stemmer';
import { ENGLISH_STOPWORDS } from './stopwords.js';

export interface TextAnalyzerOptions {
  /** Drop English stopwords. @default true */
  stopwords?: boolean;
  /** Porter-stem each token. @default true */
  stem?: boolean;
  /** Shortest token kept (after normalisation). @default 1 */
  minTokenLength?: number;
}

const DIACRITICS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Lowercase, NFKD-decompose and strip combining marks: "Café" → "cafe". */
export function foldForMatching(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase();
}

/**
 * A deterministic analyzer: normalise, split on anything that is not a letter or digit, drop stopwords, stem.
 * The same analyzer must be used for documents and queries.
 */
export function createTextAnalyzer(options: TextAnalyzerOptions = {}): (text: string) => string[] {
  const useStopwords = options.stopwords ?? true;
  const stem = options.stem ?? true;
  const minLength = options.minTokenLength ?? 1;
  const stemCache = new Map<string, string>();
  return (text) => {
    const tokens: string[] = [];
    for (const match of foldForMatching(text).matchAll(TOKEN)) {
      const token = match[0];
      if (token.length < minLength || (useStopwords && ENGLISH_STOPWORDS.has(token))) continue;
      if (!stem) {
        tokens.push(token);
        continue;
      }
      let stemmed = stemCache.get(token);
      if (stemmed === undefined) {
        stemmed = stemmer(token);
        if (stemCache.size < 200_000) stemCache.set(token, stemmed);
      }
      tokens.push(stemmed);
    }
    return tokens;
  };
}
