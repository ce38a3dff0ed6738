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
  return text === '' ? 0 : getEncoder().encode(text, [], []).length;
}
