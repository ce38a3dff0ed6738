import type { Citation } from '../conversations/citation.js';
import { semanticCacheCounter } from './cache-metrics.js';
import { cosine, lexicalVector, termCount, type LexicalVector } from './lexical-vector.js';

export interface SemanticAnswerCacheOptions {
  /** Cosine similarity at or above which a cached answer is reused. @default 0.9 */
  threshold?: number;
  /** @default 600_000 (10 minutes) */
  ttlMs?: number;
  /** Answers kept per tenant and prompt version; the least recently used goes first. @default 200 */
  maxEntriesPerScope?: number;
  /** Tenant/prompt scopes kept; the least recently used scope goes first. @default 1000 */
  maxScopes?: number;
  /** Questions with fewer terms ("yes", "ok thanks") depend on context and are never cached. @default 3 */
  minTerms?: number;
  now?: () => number;
}

export interface AnswerScope {
  tenantId: string;
  /** The prompt that produced the answer, as `name@version`: a new prompt version starts with an empty cache. */
  promptKey: string;
}

export interface CachedAnswer {
  text: string;
  citations: Citation[];
  /** The question the answer was given to. */
  question: string;
  similarity: number;
}

/** Where answers are reused from: this process (SemanticAnswerCache) or every replica (SharedSemanticAnswerCache). */
export interface AnswerCache {
  lookup(scope: AnswerScope, question: string): CachedAnswer | undefined | Promise<CachedAnswer | undefined>;
  store(
    scope: AnswerScope,
    question: string,
    answer: { text: string; citations?: Citation[]; toolRounds: number },
  ): boolean | Promise<boolean>;
}

interface Entry {
  question: string;
  vector: LexicalVector;
  text: string;
  citations: Citation[];
  expiresAt: number;
}

export function promptKey(name: string, version: number | string): string {
  return `${name}@${version}`;
}

/**
 * Reuses answers to questions worded almost the same way, per tenant and prompt version. Only answers that used no
 * tools may be stored: anything from a tool (menu, prices, orders) can change or is personal. Similarity is the
 * cosine of cheap lexical vectors, so it catches rewordings and typos of the same words, not paraphrases; keep the
 * threshold high. In process memory; a lookup scans one scope (at most `maxEntriesPerScope` entries).
 */
export class SemanticAnswerCache implements AnswerCache {
  private readonly scopes = new Map<string, Entry[]>();
  private readonly threshold: number;
  private readonly ttlMs: number;
  private readonly maxEntriesPerScope: number;
  private readonly maxScopes: number;
  private readonly minTerms: number;
  private readonly now: () => number;

  constructor(options: SemanticAnswerCacheOptions = {}) {
    this.threshold = options.threshold ?? 0.9;
    this.ttlMs = options.ttlMs ?? 600_000;
    this.maxEntriesPerScope = options.maxEntriesPerScope ?? 200;
    this.maxScopes = options.maxScopes ?? 1000;
    this.minTerms = options.minTerms ?? 3;
    this.now = options.now ?? Date.now;
    if (!(this.threshold > 0 && this.threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
    if (!(this.ttlMs > 0)) throw new RangeError('ttlMs must be positive');
  }

  lookup(scope: AnswerScope, question: string): CachedAnswer | undefined {
    const entries = this.liveEntries(scope);
    let best: { entry: Entry; similarity: number } | undefined;
    if (entries && termCount(question) >= this.minTerms) {
      const vector = lexicalVector(question);
      for (const entry of entries) {
        const similarity = cosine(vector, entry.vector);
        if (similarity >= this.threshold && (!best || similarity > best.similarity)) best = { entry, similarity };
      }
    }
    semanticCacheCounter().inc({ result: best ? 'hit' : 'miss' });
    if (!best) return undefined;
    // Most recently used last, so eviction takes the front.
    entries!.splice(entries!.indexOf(best.entry), 1);
    entries!.push(best.entry);
    return {
      text: best.entry.text,
      citations: structuredClone(best.entry.citations),
      question: best.entry.question,
      similarity: Math.round(best.similarity * 1000) / 1000,
    };
  }

  /** Stores an answer; refused (returns false) when the turn used tools or the question is too short to stand alone. */
  store(scope: AnswerScope, question: string, answer: { text: string; citations?: Citation[]; toolRounds: number }): boolean {
    if (answer.toolRounds > 0 || answer.text.trim() === '' || termCount(question) < this.minTerms) return false;
    const key = scopeKey(scope);
    const entries = this.liveEntries(scope) ?? [];
    this.scopes.delete(key);
    this.scopes.set(key, entries);
    const vector = lexicalVector(question);
    const same = entries.findIndex((entry) => cosine(entry.vector, vector) >= 0.999);
    if (same >= 0) entries.splice(same, 1);
    entries.push({
      question,
      vector,
      text: answer.text,
      citations: structuredClone(answer.citations ?? []),
      expiresAt: this.now() + this.ttlMs,
    });
    while (entries.length > this.maxEntriesPerScope) entries.shift();
    while (this.scopes.size > this.maxScopes) this.scopes.delete(this.scopes.keys().next().value!);
    return true;
  }

  /** Drops a tenant's answers, e.g. after its documents or prompts changed. */
  invalidateTenant(tenantId: string): void {
    for (const key of [...this.scopes.keys()]) if (key.startsWith(`${tenantId}\u0000`)) this.scopes.delete(key);
  }

  private liveEntries(scope: AnswerScope): Entry[] | undefined {
    const entries = this.scopes.get(scopeKey(scope));
    if (!entries) return undefined;
    const now = this.now();
    const live = entries.filter((entry) => entry.expiresAt > now);
    if (live.length !== entries.length) entries.splice(0, entries.length, ...live);
    return entries;
  }
}

function scopeKey(scope: AnswerScope): string {
  return `${scope.tenantId}\u0000${scope.promptKey}`;
}
