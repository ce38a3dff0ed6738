import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { observabilityMigrations } from '../../../db/migrations/observability/index.js';
import { publishLlmCall, type LlmCallInput } from '../../../platform/events/contracts/llm-call-event.js';
import {
  MESSAGE_RATED_EVENT_TYPE,
  MESSAGE_RATINGS_STREAM,
  publishMessageRated,
} from '../../../platform/events/contracts/message-rated-event.js';
import type { ConsumerHandle } from '../../../platform/events/event-bus.js';
import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { LlmCallEntity } from '../llm-usage/llm-call.entity.js';
import { startLlmUsageConsumer } from '../llm-usage/llm-usage-consumer.js';
import { LlmUsageRepository } from '../llm-usage/llm-usage-repository.js';
import { messageRatingEventHandler, startMessageRatingConsumer } from './message-rating-consumer.js';
import { MessageRatingRepository } from './message-rating-repository.js';
import { PromptExperimentRepository } from './prompt-experiment-repository.js';
import { PromptExperimentService } from './prompt-experiment-service.js';

const logger = pino({ level: 'silent' });
const call = (variant: string, messageId: string, overrides: Partial<LlmCallInput> = {}): LlmCallInput => ({
  provider: 'openai',
  model: 'gpt-a',
  promptName: 'assistant-system',
  promptVersion: 1,
  promptVariant: variant,
  messageId,
  requestId: `req-${messageId}`,
  inputTokens: 100,
  outputTokens: 10,
  latencyMs: 100,
  timeToFirstTokenMs: 50,
  costMicros: 1_000,
  outcome: 'ok',
  errorType: null,
  conversationId: 'c1',
  ...overrides,
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

let database: SubgraphDatabase;
let bus: InProcessEventBus;
let consumers: ConsumerHandle[];
let ratings: MessageRatingRepository;
let service: PromptExperimentService;

beforeAll(async () => {
  database = await openSubgraphDatabase({
    subgraph: 'observability',
    url: process.env.DATABASE_URL ?? 'pglite:memory',
    schema: `obs_exp_${randomUUID().slice(0, 8)}`,
    entities: [LlmCallEntity],
    migrations: observabilityMigrations,
    logger,
  });
  bus = new InProcessEventBus({ logger });
  ratings = new MessageRatingRepository(database);
  consumers = [
    await startLlmUsageConsumer({ bus, calls: new LlmUsageRepository(database), logger }),
    await startMessageRatingConsumer({ bus, ratings, logger }),
  ];
  service = new PromptExperimentService(new PromptExperimentRepository(database));
  // baseline: m1 (two calls: a tool round), m2; concise: m3 (an error), m4. Latencies 100/300 vs 200/400/600.
  await publishLlmCall(bus, 'tenant-a', call('baseline', 'm1', { latencyMs: 100 }));
  await publishLlmCall(bus, 'tenant-a', call('baseline', 'm1', { latencyMs: 300 }));
  await publishLlmCall(bus, 'tenant-a', call('baseline', 'm2', { latencyMs: 200, costMicros: 3_000 }));
  await publishLlmCall(bus, 'tenant-a', call('concise', 'm3', { latencyMs: 400, outcome: 'error', errorType: 'timeout' }));
  await publishLlmCall(bus, 'tenant-a', call('concise', 'm4', { latencyMs: 600 }));
  await publishLlmCall(bus, 'tenant-b', call('concise', 'm1', { latencyMs: 9_000 }));
  const rate = (tenant: string, user: string, messageId: string, rating: 'UP' | 'DOWN', minute: number) =>
    publishMessageRated(bus, tenant, { messageId, userId: user, rating, reason: null, ratedAt: at(minute) });
  await rate('tenant-a', 'u1', 'm1', 'UP', 0);
  await rate('tenant-a', 'u2', 'm2', 'UP', 0);
  await rate('tenant-a', 'u3', 'm3', 'DOWN', 0);
  await rate('tenant-a', 'u4', 'm4', 'DOWN', 5);
  await rate('tenant-a', 'u4', 'm4', 'UP', 1); // older than the DOWN: arrives late and must not win
  await rate('tenant-b', 'u9', 'm1', 'DOWN', 0); // another tenant's message with the same ID
  await vi.waitFor(async () => expect((await ratings.ratingsOf('tenant-b', 'm1')).length).toBe(1), { timeout: 10_000 });
  await vi.waitFor(async () => expect(await database.em().count(LlmCallEntity, {})).toBe(6), { timeout: 10_000 });
});

afterAll(async () => {
  for (const consumer of consumers ?? []) await consumer.stop();
  await bus?.close();
  await database?.em().execute(`drop schema if exists "${database.schema}" cascade`);
  await database?.close();
  await closeAllEmbeddedPglite();
});

describe('message ratings in observability', () => {
  it('keeps the latest rating per user and message, whatever order the events arrive in', async () => {
    expect(await ratings.ratingsOf('tenant-a', 'm4')).toEqual([expect.objectContaining({ userId: 'u4', rating: 'DOWN' })]);
    await publishMessageRated(bus, 'tenant-a', { messageId: 'm4', userId: 'u4', rating: 'UP', reason: 'changed my mind', ratedAt: at(9) });
    await vi.waitFor(async () =>
      expect((await ratings.ratingsOf('tenant-a', 'm4'))[0]).toMatchObject({ rating: 'UP', reason: 'changed my mind' }),
    );
    await publishMessageRated(bus, 'tenant-a', { messageId: 'm4', userId: 'u4', rating: 'DOWN', reason: null, ratedAt: at(5) });
    const handled = messageRatingEventHandler(ratings, logger);
    await handled({
      id: '1',
      stream: MESSAGE_RATINGS_STREAM,
      eventId: randomUUID(),
      type: MESSAGE_RATED_EVENT_TYPE,
      tenantId: 'tenant-a',
      occurredAt: at(0),
      payload: { schema: 'message_rated_v1', messageId: 'm4', userId: 'u4', rating: 'MEH' },
    });
    expect(await ratings.ratingsOf('tenant-a', 'm4')).toEqual([expect.objectContaining({ rating: 'UP' })]);
    // Restore the state the experiment test below expects.
    await publishMessageRated(bus, 'tenant-a', { messageId: 'm4', userId: 'u4', rating: 'DOWN', reason: null, ratedAt: at(10) });
    await vi.waitFor(async () => expect((await ratings.ratingsOf('tenant-a', 'm4'))[0]).toMatchObject({ rating: 'DOWN' }));
  });
});

describe('PromptExperimentService', () => {
  it("aggregates each variant's calls and ratings in the tenant, and compares with the baseline", async () => {
    const experiment = await service.experiment('tenant-a', 'assistant-system');
    expect(experiment.baseline).toBe('baseline');
    expect(experiment.variants).toEqual([
      expect.objectContaining({
        variant: 'baseline',
        calls: 3,
        errorRate: 0,
        meanLatencyMs: 200,
        ratings: 2,
        thumbsUp: 2,
        thumbsUpRate: 1,
      }),
      expect.objectContaining({
        variant: 'concise',
        calls: 2,
        errorRate: 0.5,
        meanLatencyMs: 500,
        ratings: 2,
        thumbsUp: 0,
        thumbsUpRate: 0,
      }),
    ]);
    const latency = experiment.comparisons.find((comparison) => comparison.metric === 'LATENCY_MS')!;
    // Baseline 100/300/200: mean 200, variance 10000; concise 400/600: mean 500, variance 20000.
    // z = 300 / sqrt(10000/3 + 20000/2) = 300 / 115.47 = 2.598 -> p = 0.0094; n = 2·7.849·15000 / 300² = 2.6 -> 3.
    expect(latency).toMatchObject({ baselineValue: 200, variantValue: 500, difference: 300, significant: true, requiredSampleSize: 3 });
    expect(latency.pValue).toBeCloseTo(0.0094, 4);
    expect(latency.confidenceStatement).toMatch(/significant at the 95% confidence level/);
    const rating = experiment.comparisons.find((comparison) => comparison.metric === 'THUMBS_UP_RATE')!;
    // 2/2 vs 0/2: pooled 0.5, se = sqrt(0.25 · 1) = 0.5, z = 2 -> p = 0.0455.
    expect(rating.pValue).toBeCloseTo(0.0455, 4);
  });

  it('compares against a named baseline and refuses one without calls', async () => {
    const experiment = await service.experiment('tenant-a', 'assistant-system', {}, 'concise');
    expect(experiment.comparisons[0]).toMatchObject({ baseline: 'concise', variant: 'baseline' });
    await expect(service.experiment('tenant-a', 'assistant-system', {}, 'nope')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await service.experiment('tenant-a', 'order-summary')).variants).toEqual([]);
  });
});
