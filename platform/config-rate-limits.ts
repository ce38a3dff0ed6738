import { z } from 'zod';

const perMinute = (fallback: number) => {
  const message = 'expected an integer from 1 to 1000000 (per minute)';
  return z.coerce.number({ error: message }).int(message).min(1, message).max(1_000_000, message).default(fallback);
};
const factor = (fallback: number) => {
  const message = 'expected an integer from 1 to 1000';
  return z.coerce.number({ error: message }).int(message).min(1, message).max(1000, message).default(fallback);
};

/** The gateway's rate limits (docs/security.md, "Rate limits"); part of the schema loadConfig() parses. */
export const rateLimitFields = {
  /** `off` turns every rate limit off (e.g. behind a gateway of its own that limits already). */
  RATE_LIMITS: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
  /** Every operation, per user per minute. */
  RATE_LIMIT_OPERATIONS_PER_MINUTE: perMinute(300),
  /** Model-backed operations (`sendMessage`), per user per minute. */
  RATE_LIMIT_CHAT_PER_MINUTE: perMinute(20),
  /** Ingestion (`ingestDocument`, `reindex`), per user per minute. */
  RATE_LIMIT_INGESTION_PER_MINUTE: perMinute(10),
  /** Order-creating mutations (`createOrder`), per user per minute. */
  RATE_LIMIT_ORDERS_PER_MINUTE: perMinute(30),
  /** Operations of anonymous callers, per client IP per minute. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: perMinute(300),
  /** A tenant's budgets are its users' budgets times this. */
  RATE_LIMIT_TENANT_FACTOR: factor(10),
  /** Staff and admins get their per-user budgets times this. */
  RATE_LIMIT_STAFF_FACTOR: factor(3),
  /** Heavy operations (search, assembleContext, sendMessage, ingestion) one tenant runs at once per gateway; more wait. */
  TENANT_HEAVY_IN_FLIGHT: factor(4),
  /** How long a tenant's heavy operation waits for a turn before it is refused (RATE_LIMITED). */
  TENANT_HEAVY_QUEUE_WAIT_MS: z.coerce
    .number({ error: 'expected milliseconds from 0 to 60000' })
    .int('expected milliseconds from 0 to 60000')
    .min(0, 'expected milliseconds from 0 to 60000')
    .max(60_000, 'expected milliseconds from 0 to 60000')
    .default(10_000),
};

export type RateLimitBudget = 'operations' | 'chat' | 'ingestion' | 'orders';

export interface RateLimitSettings {
  enabled: boolean;
  /** Per user per minute, by budget. */
  perUser: Record<RateLimitBudget, number>;
  anonymousPerMinute: number;
  tenantFactor: number;
  staffFactor: number;
  /** Heavy operations in flight per tenant at one gateway process, and how long the next one waits for a turn. */
  heavyInFlightPerTenant: number;
  heavyQueueWaitMs: number;
  /** Redis-backed (shared by every gateway process) when set, in memory otherwise. */
  redisUrl?: string;
  /** Prefix of the Redis keys (EVENT_STREAM_PREFIX, so test runs and deployments sharing a Redis stay apart). */
  keyPrefix: string;
}

type RateLimitEnv = { [K in keyof typeof rateLimitFields]: z.infer<(typeof rateLimitFields)[K]> } & {
  REDIS_URL?: string;
  EVENT_STREAM_PREFIX: string;
};

export function rateLimitSettings(env: RateLimitEnv): RateLimitSettings {
  return {
    enabled: env.RATE_LIMITS === 'on',
    perUser: {
      operations: env.RATE_LIMIT_OPERATIONS_PER_MINUTE,
      chat: env.RATE_LIMIT_CHAT_PER_MINUTE,
      ingestion: env.RATE_LIMIT_INGESTION_PER_MINUTE,
      orders: env.RATE_LIMIT_ORDERS_PER_MINUTE,
    },
    anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    tenantFactor: env.RATE_LIMIT_TENANT_FACTOR,
    staffFactor: env.RATE_LIMIT_STAFF_FACTOR,
    heavyInFlightPerTenant: env.TENANT_HEAVY_IN_FLIGHT,
    heavyQueueWaitMs: env.TENANT_HEAVY_QUEUE_WAIT_MS,
    redisUrl: env.REDIS_URL,
    keyPrefix: env.EVENT_STREAM_PREFIX,
  };
}

const tokens = () => {
  const message = 'expected a whole number of tokens >= 1 (unset: unlimited)';
  return z.coerce.number({ error: message }).int(message).min(1, message).optional();
};
const usd = () => {
  const message = 'expected US dollars > 0, e.g. 25 or 2.50 (unset: unlimited)';
  return z.coerce.number({ error: message }).positive(message).optional();
};

/** Per-tenant LLM quotas the assistant checks before a model call (docs/security.md, "LLM quotas"); unset: unlimited. */
export const llmQuotaFields = {
  LLM_QUOTA_TOKENS_PER_DAY: tokens(),
  LLM_QUOTA_TOKENS_PER_MONTH: tokens(),
  LLM_QUOTA_COST_USD_PER_DAY: usd(),
  LLM_QUOTA_COST_USD_PER_MONTH: usd(),
};

export type LlmQuotaPeriod = 'day' | 'month';
export type LlmQuotaMeasure = 'tokens' | 'costMicros';

/** The limits that are set, each by period and measure (cost in millionths of a US dollar, as the `llm-usage` events). */
export type LlmQuotaLimits = { period: LlmQuotaPeriod; measure: LlmQuotaMeasure; limit: number }[];

type LlmQuotaEnv = { [K in keyof typeof llmQuotaFields]?: number };

export function llmQuotaLimits(env: LlmQuotaEnv): LlmQuotaLimits {
  const limits: LlmQuotaLimits = [];
  const add = (period: LlmQuotaPeriod, measure: LlmQuotaMeasure, limit: number | undefined) => {
    if (limit !== undefined) limits.push({ period, measure, limit });
  };
  add('day', 'tokens', env.LLM_QUOTA_TOKENS_PER_DAY);
  add('month', 'tokens', env.LLM_QUOTA_TOKENS_PER_MONTH);
  add('day', 'costMicros', env.LLM_QUOTA_COST_USD_PER_DAY === undefined ? undefined : Math.round(env.LLM_QUOTA_COST_USD_PER_DAY * 1e6));
  add(
    'month',
    'costMicros',
    env.LLM_QUOTA_COST_USD_PER_MONTH === undefined ? undefined : Math.round(env.LLM_QUOTA_COST_USD_PER_MONTH * 1e6),
  );
  return limits;
}
