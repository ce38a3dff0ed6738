import { z } from 'zod';
import { databaseUrl, httpUrl, port } from './config-fields.js';
import { inputLimitFields } from './config-input-limits.js';
import { modelSettingsFields } from './config-model-settings.js';
import { operationLimitFields } from './config-operation-limits.js';
import { piiSettingsFields } from './config-pii.js';
import {
  llmQuotaFields,
  llmQuotaLimits,
  rateLimitFields,
  rateLimitSettings,
  type LlmQuotaLimits,
  type RateLimitSettings,
} from './config-rate-limits.js';
import { printableRejectedValue, securitySettings, securitySettingsFields, type SecuritySettings } from './config-security.js';

export type { ModelProviderSetting } from './config-model-settings.js';
export type { SecuritySettings } from './config-security.js';
export type { LlmQuotaLimits, LlmQuotaMeasure, LlmQuotaPeriod, RateLimitBudget, RateLimitSettings } from './config-rate-limits.js';

/** Thrown when the environment cannot be turned into a valid configuration; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const SUBGRAPH_NAMES = ['orders', 'knowledge', 'assistant', 'observability'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEV_JWT_SECRET = 'ragline-dev-secret-change-me-in-production-0123456789';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { error: 'expected development, test or production' }).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(4000),
    // `npm start` only: the gateway in a child process of its own (a core of its own), or in the subgraphs' process.
    GATEWAY_PROCESS: z.enum(['own', 'shared'], { error: 'expected own or shared' }).default('shared'),
    ORDERS_PORT: port(4001),
    KNOWLEDGE_PORT: port(4002),
    ASSISTANT_PORT: port(4003),
    OBSERVABILITY_PORT: port(4004),
    ORDERS_URL: httpUrl,
    KNOWLEDGE_URL: httpUrl,
    ASSISTANT_URL: httpUrl,
    OBSERVABILITY_URL: httpUrl,
    DATA_DIR: z.string().min(1).default('.data'),
    /** The built web console the gateway serves at /console (`npm run build` writes it). */
    CONSOLE_DIR: z.string().min(1).default('dist/console'),
    DATABASE_URL: databaseUrl,
    ORDERS_DATABASE_URL: databaseUrl,
    KNOWLEDGE_DATABASE_URL: databaseUrl,
    ASSISTANT_DATABASE_URL: databaseUrl,
    OBSERVABILITY_DATABASE_URL: databaseUrl,
    EVENT_STREAM_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{0,64}$/, 'expected up to 64 letters, digits, "_", ".", ":" or "-"')
      .default(''),
    /** How often the gateway publishes its operation durations (the resolution of slowestOperations). */
    OPERATION_TIMINGS_WINDOW_SECONDS: z.coerce
      .number({ error: 'expected seconds: an integer from 1 to 3600' })
      .int()
      .min(1, 'expected seconds: an integer from 1 to 3600')
      .max(3_600, 'expected seconds: an integer from 1 to 3600')
      .default(60),
    EVENT_MAX_ATTEMPTS: z.coerce
      .number({ error: 'expected an integer from 1 to 100' })
      .int()
      .min(1, 'expected an integer from 1 to 100')
      .max(100, 'expected an integer from 1 to 100')
      .default(5),
    EVENT_RETRY_BASE_MS: z.coerce
      .number({ error: 'expected milliseconds (an integer >= 1)' })
      .int()
      .min(1, 'expected milliseconds (an integer >= 1)')
      .default(200),
    EVENT_RETRY_MAX_MS: z.coerce
      .number({ error: 'expected milliseconds (an integer >= 1)' })
      .int()
      .min(1, 'expected milliseconds (an integer >= 1)')
      .default(30_000),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'expected redis://host:port[/db]')
      .optional(),
    JWT_ALGORITHM: z.enum(['HS256', 'RS256'], { error: 'expected HS256 or RS256' }).default('HS256'),
    JWT_SECRET: z.string().min(32, 'expected at least 32 characters').default(DEV_JWT_SECRET),
    JWT_JWKS_URL: z.url({ error: 'expected the https URL of a JWKS document' }).optional(),
    JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { error: 'expected a PEM-encoded SPKI public key' }).optional(),
    JWT_ISSUER: z.string().min(1).default('ragline'),
    JWT_AUDIENCE: z.string().min(1).default('ragline-api'),
    /** The longest a token may live: `exp - iat`, or `exp - now` for a token without `iat`. */
    JWT_MAX_LIFETIME_SECONDS: z.coerce
      .number({ error: 'expected seconds from 60 to 2592000 (30 days)' })
      .int('expected seconds from 60 to 2592000 (30 days)')
      .min(60, 'expected seconds from 60 to 2592000 (30 days)')
      .max(2_592_000, 'expected seconds from 60 to 2592000 (30 days)')
      .default(86_400),
    /** How far the issuer's clock may differ from ours: tokens are accepted up to this long after `exp`. */
    JWT_CLOCK_SKEW_SECONDS: z.coerce
      .number({ error: 'expected seconds from 0 to 300' })
      .int('expected seconds from 0 to 300')
      .min(0, 'expected seconds from 0 to 300')
      .max(300, 'expected seconds from 0 to 300')
      .default(30),
    OPENAI_BASE_URL: httpUrl,
    EMBEDDING_PROVIDER: z
      .enum(['lexical', 'openai', 'transformers'], { error: 'expected lexical, openai or transformers' })
      .default('lexical'),
    EMBEDDING_MODEL: z.string().min(1).optional(),
    EMBEDDING_DIMENSIONS: z.coerce
      .number({ error: 'expected an integer from 1 to 2000' })
      .int()
      .min(1, 'expected an integer from 1 to 2000')
      .max(2000, 'expected an integer from 1 to 2000')
      .optional(),
    EMBEDDING_BASE_URL: httpUrl,
    EMBEDDING_LEXICAL_STATISTICS: z.string().min(1).optional(),
    RERANKER: z.enum(['offline', 'http', 'llm'], { error: 'expected offline, http or llm' }).default('offline'),
    RERANK_URL: httpUrl,
    RERANK_API: z.enum(['tei', 'cohere'], { error: 'expected tei or cohere' }).default('tei'),
    RERANK_MODEL: z.string().min(1).optional(),
    // OPENAI_API_KEY to MODERATION_API_KEY: the model chain, prices and moderation.
    ...modelSettingsFields,
    SEMANTIC_CACHE_TTL_MS: z.coerce
      .number({ error: 'expected milliseconds (0 turns it off)' })
      .int()
      .min(0, 'expected milliseconds (0 turns it off)')
      .default(600_000),
    TOOL_CACHE_TTL_MS: z.coerce
      .number({ error: 'expected milliseconds (0 turns it off)' })
      .int()
      .min(0, 'expected milliseconds (0 turns it off)')
      .default(60_000),
    /**
     * Token deltas produced within this window after one was sent go out together as one event (0 sends each at once).
     * 50 ms (20 updates a second, the first token at once) against 25: half the events through graphql-ws and the
     * gateway, and ~1.5 ms less added time to first token at p95 with 100 concurrent chats (docs/benchmarks.md).
     */
    CHAT_STREAM_FLUSH_MS: z.coerce
      .number({ error: 'expected milliseconds from 0 to 1000' })
      .int()
      .min(0, 'expected milliseconds from 0 to 1000')
      .max(1000, 'expected milliseconds from 0 to 1000')
      .default(50),
    /**
     * The offline model's pause before each text part (3 words). 0 answers at once; a few tens of ms make streaming
     * visible in demos and in browser tests of the console, as a real model's would be.
     */
    OFFLINE_MODEL_PART_DELAY_MS: z.coerce
      .number({ error: 'expected milliseconds from 0 to 1000' })
      .int()
      .min(0, 'expected milliseconds from 0 to 1000')
      .max(1000, 'expected milliseconds from 0 to 1000')
      .default(0),
    /**
     * How long a chat turn is vouched for by the replica running it (renewed every third of it): a subscriber on any
     * replica, the conversation's next message or the sweeper (CHAT_TURN_SWEEP_MS) fails a turn whose lease lapsed
     * (its replica died) with TURN_INTERRUPTED.
     */
    CHAT_TURN_LEASE_MS: z.coerce
      .number({ error: 'expected milliseconds from 300 to 600000' })
      .int()
      .min(300, 'expected milliseconds from 300 to 600000')
      .max(600_000, 'expected milliseconds from 300 to 600000')
      .default(30_000),
    /**
     * How often every assistant replica fails the chat turns whose lease lapsed that nobody follows (TURN_INTERRUPTED):
     * a dead turn's message reads FAILED within a lease and this, even if no subscriber or next message looks at it.
     */
    CHAT_TURN_SWEEP_MS: z.coerce
      .number({ error: 'expected milliseconds from 100 to 600000' })
      .int()
      .min(100, 'expected milliseconds from 100 to 600000')
      .max(600_000, 'expected milliseconds from 100 to 600000')
      .default(15_000),
    /** How long a knowledge replica's claim on an ingestion job holds without renewal (renewed every third of it). */
    INGESTION_LEASE_MS: z.coerce
      .number({ error: 'expected milliseconds from 300 to 3600000' })
      .int()
      .min(300, 'expected milliseconds from 300 to 3600000')
      .max(3_600_000, 'expected milliseconds from 300 to 3600000')
      .default(30_000),
    /** How often an idle knowledge replica looks for queued or abandoned ingestion jobs. */
    INGESTION_POLL_MS: z.coerce
      .number({ error: 'expected milliseconds from 50 to 60000' })
      .int()
      .min(50, 'expected milliseconds from 50 to 60000')
      .max(60_000, 'expected milliseconds from 50 to 60000')
      .default(1000),
    /** Claims of one ingestion job (its replica died each time) before it fails with INGESTION_ABANDONED. */
    INGESTION_MAX_ATTEMPTS: z.coerce
      .number({ error: 'expected an integer from 1 to 20' })
      .int()
      .min(1, 'expected an integer from 1 to 20')
      .max(20, 'expected an integer from 1 to 20')
      .default(3),
    // PII_PHONE_REGIONS: national phone numbers the assistant redacts.
    ...piiSettingsFields,
    /** How long a side-effecting tool call (confirm_order) waits for the user's approveToolCall before it expires. */
    TOOL_APPROVAL_TTL_SECONDS: z.coerce
      .number({ error: 'expected seconds from 1 to 86400' })
      .int()
      .min(1, 'expected seconds from 1 to 86400')
      .max(86_400, 'expected seconds from 1 to 86400')
      .default(600),
    CHAT_MAX_TOOL_ROUNDS: z.coerce
      .number({ error: 'expected an integer from 0 to 20' })
      .int()
      .min(0, 'expected an integer from 0 to 20')
      .max(20, 'expected an integer from 0 to 20')
      .default(5),
    /** Where the assistant's tools reach the supergraph when it runs in its own process. */
    GATEWAY_URL: httpUrl,
    // GRAPHQL_MAX_DEPTH to WS_MAX_SOCKETS_PER_USER: operation limits and the gateway's graphql-ws caps.
    ...operationLimitFields,
    // INPUT_MAX_DEPTH, INPUT_MAX_STRING_BYTES: input hygiene at the gateway and every subgraph.
    ...inputLimitFields,
    // GRAPHQL_INTROSPECTION, GRAPHQL_EXPLORER, METRICS_TOKEN, CORS_ORIGINS: production hardening.
    ...securitySettingsFields,
    // RATE_LIMITS to RATE_LIMIT_STAFF_FACTOR: the gateway's rate limits.
    ...rateLimitFields,
    // LLM_QUOTA_*: per-tenant token and cost quotas of the assistant's model calls.
    ...llmQuotaFields,
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDING_PROVIDER !== 'lexical' && !env.EMBEDDING_MODEL) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMBEDDING_MODEL'],
        message: `EMBEDDING_PROVIDER=${env.EMBEDDING_PROVIDER} needs a model name`,
      });
    }
    if (env.EMBEDDING_PROVIDER === 'openai' && !env.EMBEDDING_DIMENSIONS) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMBEDDING_DIMENSIONS'],
        message: 'EMBEDDING_PROVIDER=openai needs the vector size, checked against the endpoint',
      });
    }
    if (env.RERANKER === 'http' && !env.RERANK_URL) {
      ctx.addIssue({ code: 'custom', path: ['RERANK_URL'], message: 'RERANKER=http needs the rerank endpoint URL' });
    }
    if (env.JWT_ALGORITHM === 'RS256' && !env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'RS256 needs JWT_JWKS_URL or JWT_PUBLIC_KEY' });
    }
    if (env.NODE_ENV === 'production' && env.JWT_ALGORITHM === 'HS256' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'the development secret is refused in production; set a secret of at least 32 characters',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Every environment variable the configuration reads (deployment manifests are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config extends Env {
  /** Retry policy every consumer group uses: attempts before the dead-letter stream, and the backoff between. */
  eventRetry: { maxAttempts: number; retryBackoff: { baseMs: number; maxMs: number } };
  /** Where each subgraph's data lives: its own override, else DATABASE_URL, else embedded PGlite under DATA_DIR. */
  databaseUrlFor(subgraph: SubgraphName): string;
  /** The HTTP URL the gateway uses to reach a subgraph. */
  subgraphUrlFor(subgraph: SubgraphName): string;
  portFor(subgraph: SubgraphName): number;
  /** The gateway's HTTP URL: GATEWAY_URL, else http://HOST:PORT/graphql. */
  gatewayUrl: string;
  /** What production mode turns off unless enabled, and the /metrics token (docs/security.md). */
  security: SecuritySettings;
  /** The gateway's rate limits per user, tenant and anonymous IP (docs/security.md). */
  rateLimits: RateLimitSettings;
  /** Per-tenant LLM quotas that are set (LLM_QUOTA_*); empty: unlimited. */
  llmQuotas: LlmQuotaLimits;
}

/** Reads and validates the environment. Empty strings count as unset so `FOO=` in a shell does not become a bad value. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environment)';
        // A secret's value is never echoed, nor the password of a URL (docs/security.md).
        const printable = typeof raw[variable] === 'string' ? printableRejectedValue(variable, raw[variable]) : undefined;
        const got = printable === undefined ? '' : ` (got ${JSON.stringify(printable)})`;
        return `${variable}: ${issue.message}${got}`;
      }),
    );
  }
  const env = parsed.data;
  const upper = (s: SubgraphName) => s.toUpperCase() as Uppercase<SubgraphName>;
  return {
    ...env,
    eventRetry: { maxAttempts: env.EVENT_MAX_ATTEMPTS, retryBackoff: { baseMs: env.EVENT_RETRY_BASE_MS, maxMs: env.EVENT_RETRY_MAX_MS } },
    databaseUrlFor: (subgraph) => env[`${upper(subgraph)}_DATABASE_URL`] ?? env.DATABASE_URL ?? `pglite:${env.DATA_DIR}/pglite`,
    portFor: (subgraph) => env[`${upper(subgraph)}_PORT`],
    gatewayUrl: env.GATEWAY_URL ?? `http://${env.HOST}:${env.PORT}/graphql`,
    security: securitySettings(env),
    rateLimits: rateLimitSettings(env),
    llmQuotas: llmQuotaLimits(env),
    subgraphUrlFor: (subgraph) => env[`${upper(subgraph)}_URL`] ?? `http://${env.HOST}:${env[`${upper(subgraph)}_PORT`]}/graphql`,
  };
}
