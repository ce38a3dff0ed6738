import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../platform/cache/cache.js';
import { InMemoryCache } from '../../../platform/cache/in-memory-cache.js';
import { RedisCache } from '../../../platform/cache/redis-cache.js';
import { createLogger } from '../../../platform/logger.js';
import { SharedSemanticAnswerCache } from './shared-semantic-answer-cache.js';

const redisUrl = process.env.REDIS_URL;
const scope = { tenantId: 'demo', promptKey: 'assistant@1' };
const answer = { text: 'We open at 11 every day.', citations: [], toolRounds: 0 };

function describeShared(name: string, makeCache: () => Cache) {
  describe(`SharedSemanticAnswerCache on ${name}`, () => {
    it("lets one replica reuse another replica's answer to a reworded question, per tenant", async () => {
      const cache = makeCache();
      const [one, two] = [new SharedSemanticAnswerCache(cache), new SharedSemanticAnswerCache(cache)];
      expect(await two.lookup(scope, 'When do you open each day?')).toBeUndefined();
      expect(await one.store(scope, 'When do you open each day?', answer)).toBe(true);
      expect(await two.lookup(scope, 'when do you open each day')).toMatchObject({
        text: answer.text,
        question: 'When do you open each day?',
      });
      expect(await two.lookup({ ...scope, tenantId: 'other' }, 'When do you open each day?')).toBeUndefined();
      // Answers that used tools, and questions too short to stand alone, are never shared.
      expect(await one.store(scope, 'What is on the menu today?', { ...answer, toolRounds: 1 })).toBe(false);
      expect(await one.store(scope, 'ok thanks', answer)).toBe(false);
      await cache.close();
    });

    it('falls back to the model when the cache fails', async () => {
      const errors: unknown[] = [];
      const broken: Cache = {
        kind: 'redis',
        getMany: () => Promise.reject(new Error('down')),
        setMany: () => Promise.reject(new Error('down')),
        add: () => Promise.reject(new Error('down')),
        delete: () => Promise.reject(new Error('down')),
        close: async () => undefined,
      };
      const shared = new SharedSemanticAnswerCache(broken, { onError: (error) => errors.push(error) });
      expect(await shared.lookup(scope, 'When do you open each day?')).toBeUndefined();
      expect(await shared.store(scope, 'When do you open each day?', answer)).toBe(false);
      expect(errors.length).toBeGreaterThanOrEqual(2);
    });
  });
}

describeShared('an in-process cache', () => new InMemoryCache({ maxEntries: 100 }));
if (redisUrl)
  describeShared(
    'Redis',
    () =>
      new RedisCache({ redisUrl, logger: createLogger({ level: 'silent', service: 'test' }), keyPrefix: `t${randomUUID().slice(0, 8)}:` }),
  );
