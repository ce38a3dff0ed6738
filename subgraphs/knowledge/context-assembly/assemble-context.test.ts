import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../platform/text/token-count.js';
import { assembleContext, formatPassage, renderContext, type ContextHit } from './assemble-context.js';
import { isNearDuplicate, shingles } from './near-duplicate.js';
import { longestSentencePrefix } from './sentence-prefix.js';

/** One token per whitespace-separated word: makes budgets easy to reason about in tests. */
const words = (text: string) => (text.match(/\S+/g) ?? []).length;

let next = 0;
function hit(text: string, extra: Partial<ContextHit> = {}): ContextHit {
  next++;
  return { chunkId: `c${next}`, documentId: `d${next}`, documentTitle: `Doc ${next}`, headingPath: [], text, score: 1 / next, ...extra };
}

const refunds = hit(
  'Refunds are issued within 14 days of receiving the returned item. The money goes back to the original payment method.',
  {
    chunkId: 'refunds',
    documentTitle: 'Returns',
    headingPath: ['Policy', 'Refunds'],
  },
);
const shipping = hit('Standard shipping takes three to five business days. Express shipping arrives the next day.', {
  chunkId: 'shipping',
});
const hours = hit('The support team answers on weekdays between nine and five.', { chunkId: 'hours' });

describe('assembleContext', () => {
  it('keeps everything, in order, when it fits, and counts the rendered context with the real tokenizer', () => {
    const result = assembleContext([refunds, shipping, hours], { tokenBudget: 1_000 });
    expect(result.passages).toEqual([refunds, shipping, hours]);
    expect(result.dropped).toEqual([]);
    expect(result.truncated).toEqual([]);
    expect(result.tokenCount).toBe(countTokens(renderContext(result.passages)));
    expect(renderContext(result.passages)).toContain('[refunds] Returns › Policy › Refunds\nRefunds are issued');
  });

  it('drops near-duplicates of better passages (overlapping windows, repeated chunks, contained text)', () => {
    const overlapping = hit(`${refunds.text} Contact us.`, { chunkId: 'overlap' });
    const same = { ...refunds, chunkId: 'refunds-again' };
    const contained = hit('The money goes back to the original payment method.', { chunkId: 'contained' });
    const result = assembleContext([refunds, overlapping, shipping, same, contained, hours], { tokenBudget: 1_000 });
    expect(result.passages.map((p) => p.chunkId)).toEqual(['refunds', 'shipping', 'hours']);
    expect(result.dropped).toEqual([
      { chunkId: 'overlap', reason: 'near-duplicate' },
      { chunkId: 'refunds-again', reason: 'near-duplicate' },
      { chunkId: 'contained', reason: 'near-duplicate' },
    ]);
  });

  it('keeps a lower-ranked passage that contains a better one plus new text', () => {
    const short = hit('Express shipping arrives the next day.', { chunkId: 'short' });
    const result = assembleContext([short, shipping], { tokenBudget: 1_000 });
    expect(result.passages.map((p) => p.chunkId)).toEqual(['short', 'shipping']);
  });

  it('fits the budget: skips a passage that does not fit but keeps smaller later ones', () => {
    const cost = (h: ContextHit) => words(formatPassage(h));
    const big = hit('word '.repeat(50).trim() + '.', { chunkId: 'big' }); // one long sentence: cannot be truncated
    const budget = cost(refunds) + 2 + cost(hours); // separators count 0 words with this counter
    const result = assembleContext([refunds, big, hours], { tokenBudget: budget, countTokens: words });
    expect(result.passages.map((p) => p.chunkId)).toEqual(['refunds', 'hours']);
    expect(result.dropped).toEqual([{ chunkId: 'big', reason: 'over-budget' }]);
    expect(result.tokenCount).toBeLessThanOrEqual(budget);
    expect(result.tokenCount).toBe(cost(refunds) + cost(hours));
  });

  it('cuts the best left-over passage at a sentence boundary, keeping its citation header', () => {
    const cost = (h: ContextHit) => words(formatPassage(h));
    const firstSentence = 'Refunds are issued within 14 days of receiving the returned item.';
    const budget = cost(shipping) + cost({ ...refunds, text: firstSentence }) + 1; // room for refunds' header and first sentence only
    const result = assembleContext([shipping, refunds], { tokenBudget: budget, countTokens: words, minTruncatedTokens: 5 });
    expect(result.passages.map((p) => p.chunkId)).toEqual(['shipping', 'refunds']);
    expect(result.passages[1]).toEqual({ ...refunds, text: firstSentence });
    expect(result.truncated).toEqual(['refunds']);
    expect(result.dropped).toEqual([]);
    expect(renderContext(result.passages)).toContain(`[refunds] Returns › Policy › Refunds\n${firstSentence}`);
    expect(result.tokenCount).toBeLessThanOrEqual(budget);
  });

  it('puts a truncated passage back at its rank', () => {
    const cost = (h: ContextHit) => words(formatPassage(h));
    const firstSentence = 'Refunds are issued within 14 days of receiving the returned item.';
    const long = {
      ...refunds,
      text: `${refunds.text} ${'Store credit is offered instead on request for any purchase. '.repeat(3)}`.trim(),
    };
    const budget = cost({ ...refunds, text: firstSentence }) + cost(hours);
    expect(cost(long)).toBeGreaterThan(budget);
    const result = assembleContext([long, hours], { tokenBudget: budget, countTokens: words, minTruncatedTokens: 5 });
    expect(result.passages.map((p) => [p.chunkId, p.text])).toEqual([
      ['refunds', firstSentence],
      ['hours', hours.text],
    ]);
  });

  it('does not truncate to a fragment smaller than minTruncatedTokens, nor mid-sentence', () => {
    const cost = (h: ContextHit) => words(formatPassage(h));
    const budget = cost(shipping) + cost({ ...refunds, text: '' }) + 8; // 8 words: less than refunds' first sentence (11)
    const result = assembleContext([shipping, refunds], { tokenBudget: budget, countTokens: words, minTruncatedTokens: 5 });
    expect(result.passages.map((p) => p.chunkId)).toEqual(['shipping']);
    expect(result.dropped).toEqual([{ chunkId: 'refunds', reason: 'over-budget' }]);
    const disabled = assembleContext([shipping, refunds], { tokenBudget: budget + 20, countTokens: words, minTruncatedTokens: 0 });
    expect(disabled.truncated).toEqual([]);
  });

  it('does not truncate a left-over passage that repeats a kept one', () => {
    const longer = hit(`${shipping.text} ${'Tracking numbers are emailed. '.repeat(3)}`.trim(), { chunkId: 'longer' });
    const result = assembleContext([longer, shipping], {
      tokenBudget: words(formatPassage(shipping)) + 2,
      countTokens: words,
      minTruncatedTokens: 3,
    });
    // `longer` does not fit; `shipping` does; a cut `longer` would only repeat `shipping`
    expect(result.passages.map((p) => p.chunkId)).toEqual(['shipping']);
    expect(result.truncated).toEqual([]);
  });

  it('counts with a custom formatter and separator, and keeps extra fields', () => {
    const format = (h: ContextHit & { url: string }) => `<doc id="${h.chunkId}" src="${h.url}">${h.text}</doc>`;
    const hits = [
      { ...refunds, url: 'https://x/returns' },
      { ...hours, url: 'https://x/hours' },
    ];
    const result = assembleContext(hits, { tokenBudget: 1_000, formatPassage: format, separator: '\n---\n' });
    expect(result.passages[0]!.url).toBe('https://x/returns');
    expect(result.tokenCount).toBe(countTokens(renderContext(result.passages, format, '\n---\n')));
  });

  it('returns nothing for a zero budget and rejects a negative one', () => {
    const result = assembleContext([refunds, hours], { tokenBudget: 0 });
    expect(result).toEqual({
      passages: [],
      tokenCount: 0,
      dropped: [
        { chunkId: 'refunds', reason: 'over-budget' },
        { chunkId: 'hours', reason: 'over-budget' },
      ],
      truncated: [],
    });
    expect(() => assembleContext([], { tokenBudget: -1 })).toThrow(RangeError);
    expect(assembleContext([], { tokenBudget: 10 })).toEqual({ passages: [], tokenCount: 0, dropped: [], truncated: [] });
  });

  it('never exceeds the budget with the real tokenizer', () => {
    const hits = Array.from({ length: 30 }, (_, i) =>
      hit(`Section ${i} explains topic ${i * 7}. It has details about item ${i}. Prices changed in ${2000 + i}. Call ${i}-555.`),
    );
    for (const budget of [0, 10, 40, 77, 150, 400]) {
      const result = assembleContext(hits, { tokenBudget: budget, minTruncatedTokens: 4 });
      expect(result.tokenCount).toBeLessThanOrEqual(budget);
      expect(result.passages.length + result.dropped.length).toBe(hits.length);
    }
  });
});

describe('near-duplicate detection', () => {
  it('uses word shingles, ignoring case and punctuation', () => {
    expect(shingles('The cat sat. On the MAT!')).toEqual(new Set(['the cat sat', 'cat sat on', 'sat on the', 'on the mat']));
    expect(shingles('Hi')).toEqual(new Set(['hi']));
    expect(isNearDuplicate(shingles('The cat sat on the mat.'), shingles('the cat sat on the mat'))).toBe(true);
    expect(isNearDuplicate(shingles('The cat sat on the mat.'), shingles('A dog lay on a rug.'))).toBe(false);
  });
});

describe('longestSentencePrefix', () => {
  it('keeps whole sentences only', () => {
    const text = 'One two. Three four five. Six.';
    expect(longestSentencePrefix(text, (p) => words(p) <= 4)).toBe('One two.');
    expect(longestSentencePrefix(text, (p) => words(p) <= 5)).toBe('One two. Three four five.');
    expect(longestSentencePrefix(text, () => true)).toBe(text);
    expect(longestSentencePrefix(text, (p) => words(p) <= 1)).toBe('');
  });
});
