import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { LlmQuota } from './llm-quota.js';

const logger = createLogger({ level: 'silent', service: 'test' });

describe('LlmQuota (in memory)', () => {
  it('refuses once a day or month quota is reached, per tenant, and starts over with the next day', async () => {
    let now = new Date('2026-12-07T23:59:00Z');
    const quota = new LlmQuota(
      [
        { period: 'day', measure: 'tokens', limit: 100 },
        { period: 'month', measure: 'costMicros', limit: 2_000_000 },
      ],
      { keyPrefix: '', logger, now: () => now },
    );
    await quota.add('t1', { tokens: 99, costMicros: 10 });
    await expect(quota.check('t1')).resolves.toBeUndefined();
    await quota.add('t1', { tokens: 1, costMicros: 10 });
    await expect(quota.check('t1')).rejects.toMatchObject({
      extensions: { code: 'QUOTA_EXCEEDED', period: 'day', quota: 'tokens', limit: 100, retryAfterSeconds: 60 },
    });
    await expect(quota.check('t2')).resolves.toBeUndefined();

    now = new Date('2026-12-08T00:00:01Z');
    await expect(quota.check('t1')).resolves.toBeUndefined();
    await quota.add('t1', { tokens: 1, costMicros: 2_000_000 });
    await expect(quota.check('t1')).rejects.toMatchObject({
      extensions: { code: 'QUOTA_EXCEEDED', period: 'month', quota: 'costUsd', limit: 2 },
    });
  });

  it('counts refusals and reports the highest share of a quota used in the current period', async () => {
    const sample = async (name: string, labels: Record<string, string>) =>
      (await metricsRegistry.getSingleMetric(name)!.get()).values.find((value) =>
        Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
      )?.value ?? NaN;
    const day = { period: 'day', measure: 'tokens' };
    let now = new Date('2026-12-09T10:00:00Z');
    const quota = new LlmQuota([{ period: 'day', measure: 'tokens', limit: 100 }], { keyPrefix: '', logger, now: () => now });
    const refusedBefore = await sample('ragline_llm_quota_refusals_total', day);
    await quota.add('big', { tokens: 95, costMicros: 0 });
    await quota.add('small', { tokens: 10, costMicros: 0 });
    await quota.check('big');
    await quota.check('small');
    expect(await sample('ragline_llm_quota_highest_use_ratio', day)).toBe(0.95);
    await quota.add('big', { tokens: 5, costMicros: 0 });
    await expect(quota.check('big')).rejects.toMatchObject({ extensions: { code: 'QUOTA_EXCEEDED' } });
    expect(await sample('ragline_llm_quota_refusals_total', day)).toBe(refusedBefore + 1);
    expect(await sample('ragline_llm_quota_highest_use_ratio', day)).toBe(1);

    now = new Date('2026-12-10T10:00:00Z');
    await quota.check('small');
    expect(await sample('ragline_llm_quota_highest_use_ratio', day)).toBe(0);
  });

  it('is off without limits', async () => {
    const quota = new LlmQuota([], { keyPrefix: '', logger });
    expect(quota.enabled).toBe(false);
    await quota.add('t1', { tokens: 1e9, costMicros: 1e9 });
    await expect(quota.check('t1')).resolves.toBeUndefined();
  });
});
