import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitBudget, RateLimitSettings } from '../../platform/config.js';
import { logConnectionErrors, quitOrDisconnect } from '../../platform/events/redis/connections.js';
import type { Logger } from '../../platform/logger.js';
import type { RequestContext } from '../../platform/request-context.js';

const WINDOW_SECONDS = 60;
type Scope = 'user' | 'staff' | 'tenant' | 'ip';

/** One budget as it stands after this operation: what the RateLimit-* headers and a refusal report. */
export interface BudgetState {
  budget: RateLimitBudget;
  scope: 'user' | 'tenant' | 'ip';
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The budget with the fewest points left (on a refusal: the refused one that frees up last). */
  binding: BudgetState;
}

/**
 * Per-minute budgets per user (tenant and `sub`), per tenant and per anonymous client IP, one limiter per budget and
 * scope. With REDIS_URL the counters live in Redis (every gateway process shares them), with an in-memory limiter as
 * insurance while Redis is unreachable; without it, in this process's memory.
 */
export class GatewayRateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly redis?: Redis;

  constructor(
    private readonly settings: RateLimitSettings,
    logger: Logger,
  ) {
    if (settings.redisUrl) {
      // No offline queue: while Redis is down a consume fails at once and the insurance limiter answers.
      this.redis = logConnectionErrors(
        new Redis(settings.redisUrl, { enableOfflineQueue: false, connectionName: 'rate-limits' }),
        logger,
        'rate-limits',
      );
    }
  }

  /** Spends the operation's points in every budget it touches, for the user (or IP) and the tenant. */
  async consume(context: RequestContext, points: Partial<Record<RateLimitBudget, number>>): Promise<RateLimitDecision> {
    const principal = context.principal;
    const staff = principal?.roles.some((role) => role === 'staff' || role === 'admin') ?? false;
    const checks: Promise<{ state: BudgetState; allowed: boolean }>[] = [];
    for (const [budget, count] of Object.entries(points) as [RateLimitBudget, number][]) {
      if (!count) continue;
      if (principal) {
        checks.push(this.spend(budget, staff ? 'staff' : 'user', `${principal.tenantId}:${principal.userId}`, count));
        checks.push(this.spend(budget, 'tenant', principal.tenantId, count));
      } else {
        checks.push(this.spend(budget, 'ip', context.clientIp ?? 'unknown', count));
      }
    }
    const results = await Promise.all(checks);
    const refused = results.filter((result) => !result.allowed);
    if (refused.length > 0) {
      const last = refused.reduce((a, b) => (b.state.resetSeconds > a.state.resetSeconds ? b : a));
      return { allowed: false, binding: last.state };
    }
    // The fewest points left (on a tie, the smaller budget): the headers describe the budget that refuses first.
    const closest = results.reduce((a, b) =>
      b.state.remaining < a.state.remaining || (b.state.remaining === a.state.remaining && b.state.limit < a.state.limit) ? b : a,
    );
    return { allowed: true, binding: closest.state };
  }

  /** Waits (a little) for Redis, so the first operations are counted where the later ones are. */
  async ready(timeoutMs = 2000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => redis.once('ready', resolve)),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    if (this.redis) await quitOrDisconnect(this.redis);
  }

  private async spend(budget: RateLimitBudget, scope: Scope, key: string, count: number) {
    const limiter = this.limiter(budget, scope);
    const state = (res: RateLimiterRes): BudgetState => ({
      budget,
      scope: scope === 'staff' ? 'user' : scope,
      limit: limiter.points,
      remaining: Math.max(0, res.remainingPoints),
      resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    });
    try {
      return { state: state(await limiter.consume(key, count)), allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { state: state(error), allowed: false };
      throw error;
    }
  }

  private limiter(budget: RateLimitBudget, scope: Scope): RateLimiterAbstract {
    const name = `${budget}:${scope}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const { perUser, anonymousPerMinute, tenantFactor, staffFactor } = this.settings;
      const points =
        scope === 'ip'
          ? budget === 'operations'
            ? anonymousPerMinute
            : perUser[budget]
          : perUser[budget] * (scope === 'tenant' ? tenantFactor : scope === 'staff' ? staffFactor : 1);
      const keyPrefix = `${this.settings.keyPrefix}ragline:ratelimit:${name}`;
      const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix });
      limiter = this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, points, duration: WINDOW_SECONDS, keyPrefix, insuranceLimiter: memory })
        : memory;
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
