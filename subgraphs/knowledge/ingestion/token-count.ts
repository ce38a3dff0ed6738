import { Tiktoken } from 'js-tiktoken/lite';
import cl100k_base from 'js-tiktoken/ranks/cl100k_base';

let encoder: Tiktoken | undefined;

/** The cl100k_base encoder, built once from the ranks shipped inside js-tiktoken (no network). */
function getEncoder(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100k_base));
}

/**
 * Number of cl100k_base tokens in `text`. Special-token strings such as `<|endoftext|>` are counted as
 * ordinary text rather than rejected, so a document that happens to contain one cannot break ingestion.
 */
export function countTokens(text: string): number {
  if (text === '') return 0;
  if (text.length > MEMO_MAX_LENGTH) return getEncoder().encode(text, [], []).length;
  let count = memo.get(text);
  if (count === undefined) {
    count = getEncoder().encode(text, [], []).length;
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(text, count);
  }
  return count;
}

/** Chunkers count word by word, and words repeat: remembering short strings makes chunking several times faster. */
const MEMO_MAX_LENGTH = 48;
const MEMO_ENTRIES = 100_000;
const memo = new Map<string, number>();
