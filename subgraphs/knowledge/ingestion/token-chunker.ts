import { appError, ErrorCode } from '../../../platform/errors.js';
import { countTokens } from '../../../platform/text/token-count.js';

export interface TextChunk {
  /** Exactly `source.slice(start, end)`; never starts or ends with whitespace. */
  text: string;
  tokenCount: number;
  /** UTF-16 offsets into the text that was chunked. */
  start: number;
  end: number;
}

export interface TokenChunkOptions {
  /** Upper bound on `tokenCount` of every chunk (cl100k_base). */
  maxTokens: number;
  /** Roughly how many tokens the end of one chunk repeats at the start of the next; `< maxTokens / 2`. */
  overlapTokens: number;
}

/** How strong a break sits before a unit; chunks prefer to end, and overlaps to start, at strong breaks. */
const Break = { Hard: -1, Word: 0, Sentence: 1, Line: 2, Paragraph: 3, Start: 4 } as const;
type Break = (typeof Break)[keyof typeof Break];

interface Unit {
  /** Start including the leading whitespace (which cl100k attaches to the following word). */
  start: number;
  wordStart: number;
  end: number;
  tokens: number;
  before: Break;
}

// A run of whitespace plus a word; CJK text has no spaces, so a word also ends after 。！？.
const UNIT = /\s*(?:[^\s。！？]+[。！？]*|[。！？]+)/gu;
const SENTENCE_END = /[.!?…。！？][)"'”’\]]*$/u;

export function assertChunkOptions({ maxTokens, overlapTokens }: TokenChunkOptions): void {
  if (!Number.isInteger(maxTokens) || maxTokens < 8 || maxTokens > 8192) {
    throw appError(ErrorCode.BadUserInput, 'maxTokens must be an integer between 8 and 8192.', { field: 'maxTokens' });
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens * 2 >= maxTokens) {
    throw appError(ErrorCode.BadUserInput, 'overlapTokens must be an integer from 0 to less than half of maxTokens.', {
      field: 'overlapTokens',
    });
  }
}

function breakBefore(text: string, whitespace: string, previousWordEnd: number): Break {
  if (/\n[ \t]*\n/.test(whitespace)) return Break.Paragraph;
  if (whitespace.includes('\n')) return Break.Line;
  return SENTENCE_END.test(text.slice(Math.max(0, previousWordEnd - 8), previousWordEnd)) ? Break.Sentence : Break.Word;
}

/** Splits a unit longer than `maxTokens` (a URL, a base64 blob) at code-point boundaries. */
function hardSplit(text: string, unit: Unit, maxTokens: number): Unit[] {
  const pieces: Unit[] = [];
  let start = unit.start;
  while (start < unit.end) {
    const codePoints = Array.from(text.slice(start, unit.end));
    let lo = 1;
    let hi = codePoints.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(codePoints.slice(0, mid).join('')) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    const end = start + codePoints.slice(0, lo).join('').length;
    const wordStart = start === unit.start ? unit.wordStart : start;
    pieces.push({
      start,
      wordStart,
      end,
      tokens: countTokens(text.slice(start, end)),
      before: start === unit.start ? unit.before : Break.Hard,
    });
    start = end;
  }
  return pieces;
}

function toUnits(text: string, maxTokens: number): Unit[] {
  const units: Unit[] = [];
  let previousWordEnd = 0;
  for (const match of text.matchAll(UNIT)) {
    const start = match.index;
    const end = start + match[0].length;
    const wordStart = end - match[0].trimStart().length;
    const before = units.length === 0 ? Break.Start : breakBefore(text, text.slice(start, wordStart), previousWordEnd);
    const unit: Unit = { start, wordStart, end, tokens: countTokens(match[0]), before };
    units.push(...(unit.tokens > maxTokens ? hardSplit(text, unit, maxTokens) : [unit]));
    previousWordEnd = end;
  }
  return units;
}

/**
 * Splits `text` into chunks of at most `maxTokens` cl100k_base tokens. Chunks end at the strongest boundary
 * (paragraph > line > sentence > word) found in the second half of the space available, and each chunk after
 * the first starts with up to `overlapTokens` tokens from the end of the previous one, preferably from a
 * sentence start. Deterministic; offsets map back into `text`.
 */
export function chunkByTokens(text: string, options: TokenChunkOptions): TextChunk[] {
  assertChunkOptions(options);
  const { maxTokens, overlapTokens } = options;
  const units = toUnits(text, maxTokens);
  const chunks: TextChunk[] = [];
  const slice = (from: number, to: number) => text.slice(units[from]!.wordStart, units[to - 1]!.end);

  let i = 0;
  let previousEnd = 0; // the next chunk must end after this unit index
  while (i < units.length) {
    let j = i;
    let sum = 0;
    const cumulative: number[] = [0];
    while (j < units.length && (j === i || sum + units[j]!.tokens <= maxTokens)) {
      sum += units[j]!.tokens;
      cumulative.push(sum);
      j++;
    }
    const lowest = Math.max(i + 1, previousEnd + 1);
    let end = j;
    if (j < units.length) {
      let best = -Infinity;
      for (let e = j; e >= lowest; e--) {
        if (e < j && cumulative[e - i]! < maxTokens / 2) break;
        if (units[e]!.before > best) {
          best = units[e]!.before;
          end = e;
        }
      }
    }
    let tokenCount = countTokens(slice(i, end));
    while (tokenCount > maxTokens && end > lowest) tokenCount = countTokens(slice(i, --end));
    if (tokenCount > maxTokens && i < previousEnd) {
      i = previousEnd; // the overlap does not fit after all (BPE merges differ from the per-unit estimate)
      continue;
    }
    chunks.push({ text: slice(i, end), tokenCount, start: units[i]!.wordStart, end: units[end - 1]!.end });
    if (end >= units.length) break;

    let next = end;
    let fallback = end;
    let overlap = 0;
    for (let s = end - 1; s > i; s--) {
      overlap += units[s]!.tokens;
      if (overlap > overlapTokens || overlap + units[end]!.tokens > maxTokens) break;
      fallback = s;
      if (units[s]!.before >= Break.Sentence) next = s;
    }
    i = next === end ? fallback : next;
    previousEnd = end;
  }
  return chunks;
}
