import type { Cache } from '../../../platform/cache/cache.js';
import type { Citation } from '../conversations/citation.js';
import { semanticCacheCounter } from './cache-metrics.js';
import { cosine, lexicalVector, termCount } from './lexical-vector.js';
import type { AnswerCache, AnswerScope, CachedAnswer } from './semantic-answer-cache.js';

export interface SharedSemanticAnswerCacheOptions {
  /** @default 0.9 */
  threshold?: number;
  /** @default 600_000 */
  ttlMs?: number;
  /** @default 200 */
  maxEntriesPerScope?: number;
  /** @default 3 */
  minTerms?: number;
  /** Keeps deployments sharing one Redis apart. @default 'assistant:answers:' */
  keyPrefix?: string;
  /** Called when the cache fails; the turn then calls the model (lookup) or is not remembered (store). */
  onError?: (error: unknown) => void;
}

interface StoredAnswer {
  question: string;
  text: string;
  citations: Citation[];
  expiresAt: number;
}

/**
 * The semantic answer cache of SemanticAnswerCache, kept in the shared cache (Redis when REDIS_URL is set) so every
 * assistant replica reuses every replica's answers. One entry per tenant and prompt version holds that scope's answers
 * (at most `maxEntriesPerScope`), scanned the same way. Storing reads, changes and writes the entry: two replicas
 * storing at the same instant may lose one answer, which costs one more model call later, never a wrong answer.
 */
export class SharedSemanticAnswerCache implements AnswerCache {
  private readonly threshold: number;
  private readonly ttlMs: number;
  private readonly maxEntriesPerScope: number;
  private readonly minTerms: number;
  private readonly keyPrefix: string;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly cache: Cache,
    options: SharedSemanticAnswerCacheOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.9;
    this.ttlMs = options.ttlMs ?? 600_000;
    this.maxEntriesPerScope = options.maxEntriesPerScope ?? 200;
    this.minTerms = options.minTerms ?? 3;
    this.keyPrefix = options.keyPrefix ?? 'assistant:answers:';
    this.onError = options.onError ?? (() => {});
  }

  async lookup(scope: AnswerScope, question: string): Promise<CachedAnswer | undefined> {
    let best: { entry: StoredAnswer; similarity: number } | undefined;
    if (termCount(question) >= this.minTerms) {
      const vector = lexicalVector(question);
      for (const entry of await this.read(scope)) {
        const similarity = cosine(vector, lexicalVector(entry.question));
        if (similarity >= this.threshold && (!best || similarity > best.similarity)) best = { entry, similarity };
      }
    }
    semanticCacheCounter().inc({ result: best ? 'hit' : 'miss' });
    if (!best) return undefined;
    const { text, citations, question: asked } = best.entry;
    return { text, citations, question: asked, similarity: Math.round(best.similarity * 1000) / 1000 };
  }

  async store(
    scope: AnswerScope,
    question: string,
    answer: { text: string; citations?: Citation[]; toolRounds: number },
  ): Promise<boolean> {
    if (answer.toolRounds > 0 || answer.text.trim() === '' || termCount(question) < this.minTerms) return false;
    const vector = lexicalVector(question);
    const entries = (await this.read(scope)).filter((entry) => cosine(lexicalVector(entry.question), vector) < 0.999);
    entries.push({ question, text: answer.text, citations: answer.citations ?? [], expiresAt: Date.now() + this.ttlMs });
    const kept = entries.slice(-this.maxEntriesPerScope);
    try {
      await this.cache.setMany([{ key: this.key(scope), value: JSON.stringify(kept) }], this.ttlMs);
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  private async read(scope: AnswerScope): Promise<StoredAnswer[]> {
    try {
      const [value] = await this.cache.getMany([this.key(scope)]);
      const now = Date.now();
      return value ? (JSON.parse(value) as StoredAnswer[]).filter((entry) => entry.expiresAt > now) : [];
    } catch (error) {
      this.onError(error);
      return [];
    }
  }

  private key(scope: AnswerScope): string {
    return `${this.keyPrefix}${scope.tenantId}:${scope.promptKey}`;
  }
}
