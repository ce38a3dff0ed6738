import { describe, expect, it } from 'vitest';
import { TwoGenerationCache } from './two-generation-cache.js';

describe('TwoGenerationCache', () => {
  it('never holds more than two generations, however many keys pass through', () => {
    const cache = new TwoGenerationCache<string, number>(100);
    for (let i = 0; i < 10_000; i++) cache.set(`feature-${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(200);
    expect(cache.get('feature-9999')).toBe(9999);
    expect(cache.get('feature-0')).toBeUndefined();
  });

  it('keeps an entry that is used while newer ones arrive', () => {
    const cache = new TwoGenerationCache<string, number>(10);
    cache.set('hot', 1);
    for (let i = 0; i < 1000; i++) {
      cache.set(`cold-${i}`, i);
      expect(cache.get('hot')).toBe(1);
    }
  });

  it('refuses a generation size below one', () => {
    expect(() => new TwoGenerationCache(0)).toThrow(RangeError);
  });
});
