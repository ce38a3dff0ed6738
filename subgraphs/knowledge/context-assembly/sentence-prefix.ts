const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The longest run of whole leading sentences of `text` for which `fits` holds, or '' when not even the first
 * sentence fits. Cutting mid-sentence can invert a statement ("Refunds are not issued …" → "Refunds are"), so
 * only whole sentences are kept. (ICU's sentence rules split after abbreviations such as "Dr."; that costs at
 * most a shorter prefix, never a broken one.)
 */
export function longestSentencePrefix(text: string, fits: (prefix: string) => boolean): string {
  const ends: number[] = [];
  for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
  // Binary search over sentence counts: `fits` is monotone (a longer prefix never costs fewer tokens).
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(text.slice(0, ends[mid - 1]).trimEnd())) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, ends[lo - 1]).trimEnd();
}
