import { Redis } from 'ioredis';
import type { LlmQuotaLimits, LlmQuotaMeasure, LlmQuotaPeriod } from '../../../platform/config.js';
import { appError } from '../../../platform/errors.js';
import { logConnectionErrors, quitOrDisconnect } from '../../../platform/events/redis/connections.js';
import type { Logger } from '../../../platform/logger.js';
import { counter, gauge } from '../../../platform/metrics/metrics.js';

const refusals = counter({
  name: 'ragline_llm_quota_refusals_total',
  help: 'Assistant messages refused because the tenant spent an LLM quota, by period (day, month) and measure (tokens, costMicros)',
  labelNames: ['period', 'measure'],
});
/** The most spent share of any tenant's quota seen by this process in the current period (tenants are not a label). */
const highestUse = gauge({
  name: 'ragline_llm_quota_highest_use_ratio',
  help: 'Highest share (0..1+) of an LLM quota used by any tenant, as last checked by this process, by period and measure',
  labelNames: ['period', 'measure'],
});

const DAY_MS = 86_400_000;

/** The UTC period a moment falls in (`2026-12-07`, `2026-12`), and how long until it ends. */
function period(kind: LlmQuotaPeriod, now: Date): { key: string; endsInMs: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const end = kind === 'day' ? Date.UTC(y, m, now.getUTCDate() + 1) : Date.UTC(y, m + 1, 1);
  return { key: now.toISOString().slice(0, kind === 'day' ? 10 : 7), endsInMs: end - now.getTime() };
}

/**
 * Per-tenant token and cost quotas per UTC day and month: the assistant adds what each model call used (the figures of
 * its `llm_call_v1` event) and refuses a new message once a quota is spent. Counted in Redis when there is one (every
 * assistant process shares the counters), else in this process's memory.
 */
export class LlmQuota {
  private readonly memory = new Map<string, number>();
  private readonly highest = new Map<string, { key: string; ratio: number }>();
  private readonly redis?: Redis;

  constructor(
    private readonly limits: LlmQuotaLimits,
    private readonly options: { redisUrl?: string; keyPrefix: string; logger: Logger; now?: () => Date },
  ) {
    for (const limit of limits) {
      refusals.inc({ period: limit.period, measure: limit.measure }, 0);
      highestUse.set({ period: limit.period, measure: limit.measure }, 0);
    }
    if (limits.length > 0 && options.redisUrl) {
      this.redis = logConnectionErrors(new Redis(options.redisUrl, { connectionName: 'llm-quota' }), options.logger, 'llm-quota');
    }
  }

  get enabled(): boolean {
    return this.limits.length > 0;
  }

  /** Throws QUOTA_EXCEEDED when the tenant has spent a quota of the current day or month. */
  async check(tenantId: string): Promise<void> {
    if (!this.enabled) return;
    const now = this.now();
    const keys = this.limits.map((limit) => this.key(tenantId, limit.period, limit.measure, now));
    let used: number[];
    try {
      used = this.redis ? (await this.redis.mget(...keys)).map(Number) : keys.map((key) => this.memory.get(key) ?? 0);
    } catch (error) {
      // Quotas bound spending, they are not access control: an unreachable Redis lets the message through, logged.
      this.options.logger.warn({ err: error, tenant: tenantId }, 'LLM quota unavailable; not checked');
      return;
    }
    this.limits.forEach((limit, index) => {
      const spent = used[index] ?? 0;
      this.noteUse(limit, now, spent / limit.limit);
      if (spent < limit.limit) return;
      refusals.inc({ period: limit.period, measure: limit.measure });
      const { endsInMs } = period(limit.period, now);
      const what = limit.measure === 'tokens' ? `${limit.limit} tokens` : `$${(limit.limit / 1e6).toFixed(2)}`;
      throw appError('QUOTA_EXCEEDED', `Your organisation has used its assistant quota of ${what} this ${limit.period}.`, {
        period: limit.period,
        quota: limit.measure === 'tokens' ? 'tokens' : 'costUsd',
        limit: limit.measure === 'tokens' ? limit.limit : limit.limit / 1e6,
        retryAfterSeconds: Math.ceil(endsInMs / 1000),
      });
    });
  }

  /** Adds one model call's usage to the tenant's counters of the current day and month. */
  async add(tenantId: string, usage: Record<LlmQuotaMeasure, number>): Promise<void> {
    if (!this.enabled) return;
    const now = this.now();
    const counted = this.limits.filter((limit) => usage[limit.measure] > 0);
    if (this.redis) {
      const multi = this.redis.multi();
      for (const limit of counted) {
        const key = this.key(tenantId, limit.period, limit.measure, now);
        multi.incrby(key, usage[limit.measure]).pexpire(key, period(limit.period, now).endsInMs + DAY_MS);
      }
      await multi.exec();
      return;
    }
    for (const limit of counted) {
      const key = this.key(tenantId, limit.period, limit.measure, now);
      this.memory.set(key, (this.memory.get(key) ?? 0) + usage[limit.measure]);
    }
    this.forgetPastPeriods(now);
  }

  async close(): Promise<void> {
    if (this.redis) await quitOrDisconnect(this.redis);
  }

  /** Keeps the highest ratio of the current period (a new period starts again from what the next check sees). */
  private noteUse(limit: { period: LlmQuotaPeriod; measure: LlmQuotaMeasure }, now: Date, ratio: number): void {
    const name = `${limit.period}:${limit.measure}`;
    const key = period(limit.period, now).key;
    const previous = this.highest.get(name);
    if (previous && previous.key === key && previous.ratio >= ratio) return;
    this.highest.set(name, { key, ratio });
    highestUse.set({ period: limit.period, measure: limit.measure }, ratio);
  }

  private key(tenantId: string, kind: LlmQuotaPeriod, measure: LlmQuotaMeasure, now: Date): string {
    return `${this.options.keyPrefix}ragline:llm-quota:${tenantId}:${period(kind, now).key}:${measure}`;
  }

  private forgetPastPeriods(now: Date): void {
    const current = [period('day', now).key, period('month', now).key];
    for (const key of this.memory.keys()) if (!current.some((part) => key.includes(`:${part}:`))) this.memory.delete(key);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
