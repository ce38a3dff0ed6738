/**
 * Near-duplicate text detection by word shingles. Overlapping chunks (sliding windows), the same paragraph
 * in two versions of a document, or one chunk found by two retrieval routes would otherwise spend the
 * context budget twice on the same facts.
 */

/** The set of `size`-word shingles of `text` (lower-cased, punctuation-insensitive). Short texts give one shingle. */
export function shingles(text: string, size = 3): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length <= size) return new Set(words.length ? [words.join(' ')] : []);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

export interface NearDuplicateOptions {
  /** Jaccard similarity at or above which two texts are duplicates. @default 0.8 */
  jaccard?: number;
  /** Share of the candidate's shingles found in the other text at or above which the candidate adds nothing. @default 0.9 */
  containment?: number;
}

/**
 * Whether `candidate` repeats `kept`: either they are mostly the same text, or the candidate is (nearly) contained
 * in it. Deliberately asymmetric: a candidate that *contains* a kept passage still brings new text, so it stays.
 */
export function isNearDuplicate(candidate: ReadonlySet<string>, kept: ReadonlySet<string>, options: NearDuplicateOptions = {}): boolean {
  if (candidate.size === 0) return kept.size === 0;
  let shared = 0;
  for (const shingle of candidate) if (kept.has(shingle)) shared++;
  const union = candidate.size + kept.size - shared;
  return shared / union >= (options.jaccard ?? 0.8) || shared / candidate.size >= (options.containment ?? 0.9);
}
