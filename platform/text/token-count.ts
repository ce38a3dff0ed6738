import { Tiktoken } from 'js-tiktoken/lite';
import cl100k_base from 'js-tiktoken/ranks/cl100k_base';

let encoder: Tiktoken | undefined;

/** The cl100k_base encoder, built once from the ranks shipped inside js-tiktoken (no network). */
function getEncoder(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100k_base));
}

/**
 * tiktoken first splits text with this pattern and then byte-pair-encodes every piece on its own, so a text's token
 * count is the sum of its pieces' counts. Pieces (words with their leading space, digit runs, punctuation) repeat
 * across a corpus, so their counts are remembered: BPE merging was most of the cost of chunking.
 */
const PIECES = new RegExp(cl100k_base.pat_str, 'gu');
const MEMO_ENTRIES = 200_000;
const memo = new Map<string, number>();

/**
 * Number of cl100k_base tokens in `text`, exactly as `encode(text).length`. Special-token strings such as
 * `<|endoftext|>` are counted as ordinary text rather than rejected, so a document that happens to contain one
 * cannot break ingestion.
 */
export function countTokens(text: string): number {
  let total = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    let count = memo.get(piece);
    if (count === undefined) {
      count = getEncoder().encode(piece, [], []).length;
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(piece, count);
    }
    total += count;
  }
  return total;
}
