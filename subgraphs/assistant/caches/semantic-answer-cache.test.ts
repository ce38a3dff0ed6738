import { describe, expect, it } from 'vitest';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { promptKey, SemanticAnswerCache } from './semantic-answer-cache.js';

const scope = { tenantId: 'demo', promptKey: promptKey('assistant-system', 3) };
const answer = { text: 'We are open from noon to 10 pm.', citations: [{ documentId: 'd', chunkId: 'c', title: 'Hours' }], toolRounds: 0 };

async function count(result: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('ragline_assistant_semantic_cache_total')?.get();
  return metric?.values.find((value) => value.labels.result === result)?.value ?? 0;
}

describe('SemanticAnswerCache', () => {
  it('returns the answer for the same or a near-identical question and counts hits and misses', async () => {
    const cache = new SemanticAnswerCache({ threshold: 0.8 });
    const [hits, misses] = [await count('hit'), await count('miss')];
    expect(cache.lookup(scope, 'When are you open on Sunday?')).toBeUndefined();
    expect(cache.store(scope, 'When are you open on Sunday?', answer)).toBe(true);
    expect(cache.lookup(scope, 'when are you open on sunday')).toMatchObject({
      text: answer.text,
      citations: answer.citations,
      similarity: 1,
    });
    expect(cache.lookup(scope, 'When are you opened on Sundays?')?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(cache.lookup(scope, 'Do you have vegan pizza?')).toBeUndefined();
    expect(await count('hit')).toBe(hits + 2);
    expect(await count('miss')).toBe(misses + 2);
  });

  it('keeps tenants and prompt versions apart', () => {
    const cache = new SemanticAnswerCache();
    cache.store(scope, 'When are you open on Sunday?', answer);
    expect(cache.lookup({ ...scope, tenantId: 'other' }, 'When are you open on Sunday?')).toBeUndefined();
    expect(cache.lookup({ ...scope, promptKey: promptKey('assistant-system', 4) }, 'When are you open on Sunday?')).toBeUndefined();
  });

  it('refuses answers that used tools and questions too short to stand alone', () => {
    const cache = new SemanticAnswerCache();
    expect(cache.store(scope, 'How much is the margherita pizza?', { ...answer, toolRounds: 1 })).toBe(false);
    expect(cache.lookup(scope, 'How much is the margherita pizza?')).toBeUndefined();
    expect(cache.store(scope, 'yes please', answer)).toBe(false);
  });

  it('does not confuse a question with its negation at the default threshold', () => {
    const cache = new SemanticAnswerCache();
    cache.store(scope, 'Is the margherita vegan?', { ...answer, text: 'No.' });
    expect(cache.lookup(scope, 'Is the margherita not vegan?')).toBeUndefined();
  });

  it('expires entries after the TTL and evicts the least recently used', () => {
    let now = 0;
    const cache = new SemanticAnswerCache({ ttlMs: 1000, maxEntriesPerScope: 2, now: () => now });
    cache.store(scope, 'When are you open on Sunday?', answer);
    cache.store(scope, 'Do you deliver to the harbour?', { ...answer, text: 'Yes.' });
    expect(cache.lookup(scope, 'When are you open on Sunday?')).toBeDefined();
    cache.store(scope, 'Can I pay with cash on delivery?', { ...answer, text: 'Yes, cash works.' });
    expect(cache.lookup(scope, 'Do you deliver to the harbour?')).toBeUndefined();
    expect(cache.lookup(scope, 'When are you open on Sunday?')).toBeDefined();
    now = 1000;
    expect(cache.lookup(scope, 'When are you open on Sunday?')).toBeUndefined();
  });

  it('forgets a tenant on invalidation', () => {
    const cache = new SemanticAnswerCache();
    cache.store(scope, 'When are you open on Sunday?', answer);
    cache.invalidateTenant('demo');
    expect(cache.lookup(scope, 'When are you open on Sunday?')).toBeUndefined();
  });
});
