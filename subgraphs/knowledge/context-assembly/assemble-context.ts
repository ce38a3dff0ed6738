import { countTokens as cl100kTokens } from '../../../platform/text/token-count.js';
import { isNearDuplicate, shingles, type NearDuplicateOptions } from './near-duplicate.js';
import { longestSentencePrefix } from './sentence-prefix.js';

/** One retrieved chunk, as search returns it. Extra fields are carried through untouched. */
export interface ContextHit {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string[];
  text: string;
  score: number;
}

export type DropReason = 'near-duplicate' | 'over-budget';

export interface AssembleContextOptions<T extends ContextHit = ContextHit> {
  /** Most tokens the rendered context (see {@link renderContext}) may take. */
  tokenBudget: number;
  /** Token counter of the model the context is for. @default cl100k_base (ingestion/token-count.ts) */
  countTokens?: (text: string) => number;
  /** How one passage is rendered, citation included; the budget is counted on exactly this text. @default {@link formatPassage} */
  formatPassage?: (hit: T) => string;
  /** Between rendered passages. @default '\n\n' */
  separator?: string;
  /** Thresholds for dropping repeats. */
  nearDuplicate?: NearDuplicateOptions;
  /**
   * When whole passages no longer fit, the best remaining one may be cut to whole leading sentences that do,
   * if at least this many tokens of it are left. 0 disables truncation. @default 24
   */
  minTruncatedTokens?: number;
}

export interface AssembledContext<T extends ContextHit = ContextHit> {
  /** Kept passages, best first (input order). A truncated passage has shortened `text` and is listed in `truncated`. */
  passages: T[];
  /** Tokens of `renderContext(passages)` with the same formatter, separator and counter. */
  tokenCount: number;
  dropped: { chunkId: string; reason: DropReason }[];
  /** Chunk ids of passages whose text was cut at a sentence boundary to fit. */
  truncated: string[];
}

/** `[chunkId] Title › Heading › Subheading` then the text: the citation travels with every passage. */
export function formatPassage(hit: ContextHit): string {
  const path = [hit.documentTitle, ...hit.headingPath].filter((s) => s.trim() !== '').join(' › ');
  return `[${hit.chunkId}] ${path}\n${hit.text}`;
}

/** The context string the budget was computed for. */
export function renderContext<T extends ContextHit>(
  passages: readonly T[],
  format: (hit: T) => string = formatPassage,
  separator = '\n\n',
): string {
  return passages.map(format).join(separator);
}

/**
 * Chooses which retrieved passages go into a prompt: best first, repeats dropped, within a token budget.
 *
 * 1. Walk the hits in the given (best-first) order. A hit that near-duplicates an already kept passage is dropped;
 *    one that fits the remaining budget is kept; one that does not is set aside (a smaller later hit may still fit).
 * 2. If budget is left, the best set-aside hit that is not a repeat is cut to the whole leading sentences that fit
 *    and put back at its rank. Its citation header is always rendered in full, so text never loses its ids.
 * 3. The whole context is counted once more (token merges across separators can differ from per-passage sums)
 *    and the lowest-ranked passages go until it fits.
 */
export function assembleContext<T extends ContextHit>(hits: readonly T[], options: AssembleContextOptions<T>): AssembledContext<T> {
  if (!Number.isFinite(options.tokenBudget) || options.tokenBudget < 0) throw new RangeError('tokenBudget must be a non-negative number');
  const count = options.countTokens ?? cl100kTokens;
  const format = options.formatPassage ?? (formatPassage as (hit: T) => string);
  const separator = options.separator ?? '\n\n';
  const separatorTokens = count(separator);
  const minTruncated = options.minTruncatedTokens ?? 24;

  interface Entry {
    hit: T;
    rank: number;
    shingles: Set<string>;
  }
  const kept: Entry[] = [];
  const setAside: Entry[] = [];
  const dropped = new Map<number, { chunkId: string; reason: DropReason }>();
  let used = 0;
  const cost = (hit: T) => count(format(hit)) + (kept.length > 0 ? separatorTokens : 0);
  const repeats = (entry: Entry) => kept.some((k) => isNearDuplicate(entry.shingles, k.shingles, options.nearDuplicate));

  hits.forEach((hit, rank) => {
    const entry: Entry = { hit, rank, shingles: shingles(hit.text) };
    if (repeats(entry)) {
      dropped.set(rank, { chunkId: hit.chunkId, reason: 'near-duplicate' });
      return;
    }
    const tokens = cost(hit);
    if (used + tokens <= options.tokenBudget) {
      kept.push(entry);
      used += tokens;
    } else {
      setAside.push(entry);
      dropped.set(rank, { chunkId: hit.chunkId, reason: 'over-budget' });
    }
  });

  const truncated: string[] = [];
  if (minTruncated > 0) {
    for (const entry of setAside) {
      if (repeats(entry)) continue; // a shorter copy of a kept passage would add nothing
      const remaining = options.tokenBudget - used;
      const overhead = cost({ ...entry.hit, text: '' });
      if (remaining - overhead < minTruncated) continue; // not even the header plus a useful fragment fits
      const text = longestSentencePrefix(entry.hit.text, (prefix) => cost({ ...entry.hit, text: prefix }) <= remaining);
      if (text === '' || count(text) < minTruncated) continue;
      const hit = { ...entry.hit, text };
      used += cost(hit);
      kept.push({ ...entry, hit });
      dropped.delete(entry.rank);
      truncated.push(hit.chunkId);
      break; // only one passage is ever cut: the budget is now (nearly) full
    }
  }

  kept.sort((a, b) => a.rank - b.rank);
  let passages = kept.map((k) => k.hit);
  let tokenCount = count(renderContext(passages, format, separator));
  while (tokenCount > options.tokenBudget && passages.length > 0) {
    const last = kept.pop()!;
    dropped.set(last.rank, { chunkId: last.hit.chunkId, reason: 'over-budget' });
    passages = kept.map((k) => k.hit);
    tokenCount = count(renderContext(passages, format, separator));
  }

  return {
    passages,
    tokenCount,
    dropped: [...dropped].sort(([a], [b]) => a - b).map(([, d]) => d),
    truncated: truncated.filter((id) => passages.some((p) => p.chunkId === id)),
  };
}
