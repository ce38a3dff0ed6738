import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../../db/connection.js';
import { closeAllEmbeddedPglite } from '../../../db/embedded-pglite.js';
import { observabilityMigrations } from '../../../db/migrations/observability/index.js';
import type { BusEvent, ConsumerHandle } from '../../../platform/events/event-bus.js';
import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { LlmCallEntity } from './llm-call.entity.js';
import {
  LLM_CALL_EVENT_TYPE,
  LLM_USAGE_STREAM,
  publishLlmCall,
  type LlmCallInput,
} from '../../../platform/events/contracts/llm-call-event.js';
import { llmUsageEventHandler, startLlmUsageConsumer } from './llm-usage-consumer.js';
import { LlmUsageRepository } from './llm-usage-repository.js';
import { LlmUsageService } from './llm-usage-service.js';

const logger = pino({ level: 'silent' });
const T0 = new Date('2026-11-01T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const call = (overrides: Partial<LlmCallInput> = {}): LlmCallInput => ({
  provider: 'openai',
  model: 'gpt-a',
  promptName: 'assistant-system',
  promptVersion: 1,
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

let database: SubgraphDatabase;
let bus: InProcessEventBus;
let consumer: ConsumerHandle;
let calls: LlmUsageRepository;
let service: LlmUsageService;

const storedRows = () => database.em().count(LlmCallEntity, {});

beforeAll(async () => {
  database = await openSubgraphDatabase({
    subgraph: 'observability',
    url: 'pglite:memory',
    schema: `obs_test_${randomUUID().slice(0, 8)}`,
    entities: [LlmCallEntity],
    migrations: observabilityMigrations,
    logger,
  });
  bus = new InProcessEventBus({ logger });
  calls = new LlmUsageRepository(database);
  consumer = await startLlmUsageConsumer({ bus, calls, logger });
  service = new LlmUsageService(calls);

  // tenant-a: gpt-a x4 (one error, TTFT only on two), gpt-b x1 an hour later; tenant-b: a costly gpt-a call.
  await publishLlmCall(bus, 'tenant-a', call({ latencyMs: 100, timeToFirstTokenMs: 50 }), { occurredAt: minutes(0) });
  await publishLlmCall(bus, 'tenant-a', call({ latencyMs: 200, timeToFirstTokenMs: 60 }), { occurredAt: minutes(1) });
  await publishLlmCall(
    bus,
    'tenant-a',
    call({ latencyMs: 300, timeToFirstTokenMs: null, outcome: 'error', errorType: 'rate_limited', outputTokens: 0, costMicros: 0 }),
    { occurredAt: minutes(2) },
  );
  await publishLlmCall(
    bus,
    'tenant-a',
    call({ latencyMs: 400, timeToFirstTokenMs: null, outcome: 'cancelled', promptName: 'order-summary' }),
    { occurredAt: minutes(3) },
  );
  await publishLlmCall(bus, 'tenant-a', call({ model: 'gpt-b', provider: 'other', latencyMs: 1_000, costMicros: 5_000 }), {
    occurredAt: minutes(60),
  });
  await publishLlmCall(bus, 'tenant-b', call({ latencyMs: 9_999, costMicros: 1_000_000, outcome: 'error' }), { occurredAt: minutes(1) });
  await vi.waitFor(async () => expect(await storedRows()).toBe(6), { timeout: 10_000 });
});

afterAll(async () => {
  await consumer?.stop();
  await bus?.close();
  await database?.close();
  await closeAllEmbeddedPglite();
});

describe('llm-usage consumer', () => {
  it('stores every field of an event with its tenant and time', async () => {
    const row = await database.em().findOneOrFail(LlmCallEntity, { tenantId: 'tenant-a', errorType: 'rate_limited' });
    expect(row).toMatchObject({
      model: 'gpt-a',
      outcome: 'error',
      latencyMs: 300,
      timeToFirstTokenMs: null,
      costMicros: 0,
      conversationId: 'c1',
    });
    expect(row.occurredAt.toISOString()).toBe(minutes(2).toISOString());
  });

  it('stores a redelivered or re-published event once', async () => {
    const event = await publishLlmCall(bus, 'tenant-c', call());
    await vi.waitFor(async () => expect(await database.em().count(LlmCallEntity, { tenantId: 'tenant-c' })).toBe(1));
    await bus.publish(LLM_USAGE_STREAM, { type: event.type, tenantId: 'tenant-c', payload: event.payload, eventId: event.eventId });
    await llmUsageEventHandler(calls, logger)(event);
    await publishLlmCall(bus, 'tenant-c', call(), { eventId: 'marker' });
    await vi.waitFor(async () => expect(await database.em().count(LlmCallEntity, { eventId: 'marker' })).toBe(1));
    expect(await database.em().count(LlmCallEntity, { tenantId: 'tenant-c' })).toBe(2);
  });

  it('acknowledges and logs an invalid event instead of retrying it', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const handle = llmUsageEventHandler(calls, logger);
    const bad: BusEvent = {
      id: '1',
      stream: LLM_USAGE_STREAM,
      eventId: randomUUID(),
      type: LLM_CALL_EVENT_TYPE,
      tenantId: 'tenant-a',
      occurredAt: new Date().toISOString(),
      payload: { ...call(), schema: 'llm_call_v1', inputTokens: -1, outcome: 'maybe' },
    };
    await expect(handle(bad)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: bad.eventId,
        problems: expect.arrayContaining([expect.stringMatching(/^payload\.inputTokens: /), expect.stringMatching(/^payload\.outcome: /)]),
      }),
      'dropping invalid llm_call_v1 event',
    );
    expect(await database.em().count(LlmCallEntity, { eventId: bad.eventId })).toBe(0);
  });

  it('refuses to publish an invalid payload', async () => {
    await expect(publishLlmCall(bus, 'tenant-a', call({ costMicros: 1.5 }))).rejects.toThrow(/costMicros must be an integer/);
  });
});

describe('LlmUsageService', () => {
  it("aggregates per model in SQL, counting only the tenant's calls", async () => {
    const buckets = await service.usage({ tenantId: 'tenant-a' }, ['MODEL']);
    expect(buckets).toEqual([
      {
        key: 'gpt-b',
        keyParts: ['gpt-b'],
        bucketStart: null,
        calls: 1,
        inputTokens: 100,
        outputTokens: 10,
        costMicros: 5_000,
        errorRate: 0,
        latencyP50Ms: 1_000,
        latencyP95Ms: 1_000,
        timeToFirstTokenP95Ms: 50,
      },
      {
        key: 'gpt-a',
        keyParts: ['gpt-a'],
        bucketStart: null,
        calls: 4,
        inputTokens: 400,
        outputTokens: 30,
        costMicros: 3_000,
        errorRate: 0.25,
        latencyP50Ms: 250,
        latencyP95Ms: 385,
        timeToFirstTokenP95Ms: 59.5,
      },
    ]);
    const other = await service.usage({ tenantId: 'tenant-b' }, ['MODEL']);
    expect(other).toEqual([expect.objectContaining({ key: 'gpt-a', calls: 1, costMicros: 1_000_000, errorRate: 1 })]);
  });

  it('groups by provider, prompt and outcome', async () => {
    const keys = async (dimension: 'PROVIDER' | 'PROMPT' | 'OUTCOME') =>
      Object.fromEntries((await service.usage({ tenantId: 'tenant-a' }, [dimension])).map((bucket) => [bucket.key, bucket.calls]));
    expect(await keys('PROVIDER')).toEqual({ openai: 4, other: 1 });
    expect(await keys('PROMPT')).toEqual({ 'assistant-system.v1': 4, 'order-summary.v1': 1 });
    expect(await keys('OUTCOME')).toEqual({ ok: 3, error: 1, cancelled: 1 });
  });

  it('filters by time: since inclusive, until exclusive', async () => {
    const window = await service.usage({ tenantId: 'tenant-a' }, ['MODEL'], { since: minutes(1), until: minutes(3) });
    expect(window).toEqual([expect.objectContaining({ key: 'gpt-a', calls: 2, latencyP50Ms: 250, timeToFirstTokenP95Ms: 60 })]);
    expect(await service.usage({ tenantId: 'tenant-a' }, ['MODEL'], { since: minutes(61) })).toEqual([]);
  });

  it('refuses an empty range', async () => {
    await expect(service.usage({ tenantId: 'tenant-a' }, ['MODEL'], { since: minutes(5), until: minutes(5) })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('usage series, variants and tenants', () => {
  it('stores the prompt variant, message and request of a call', async () => {
    await publishLlmCall(bus, 'tenant-v', call({ promptVariant: 'concise', messageId: 'm-1', requestId: 'req-1' }), {
      occurredAt: minutes(0),
    });
    await publishLlmCall(bus, 'tenant-v', call({ promptVariant: 'baseline', messageId: 'm-2', requestId: 'req-2' }), {
      occurredAt: minutes(90),
    });
    await vi.waitFor(async () => expect(await database.em().count(LlmCallEntity, { tenantId: 'tenant-v' })).toBe(2));
    const row = await database.em().findOneOrFail(LlmCallEntity, { tenantId: 'tenant-v', messageId: 'm-1' });
    expect(row).toMatchObject({ promptVariant: 'concise', requestId: 'req-1', conversationId: 'c1' });
    const variants = await service.usage({ tenantId: 'tenant-v' }, ['VARIANT']);
    expect(variants.map((bucket) => bucket.key).sort()).toEqual(['assistant-system.v1:baseline', 'assistant-system.v1:concise']);
    // Calls from before variants were recorded are keyed (none), not dropped.
    expect((await service.usage({ tenantId: 'tenant-a' }, ['VARIANT'])).map((bucket) => bucket.key).sort()).toEqual([
      'assistant-system.v1:(none)',
      'order-summary.v1:(none)',
    ]);
  });

  it('splits into hourly and daily series in time order, keyed by several dimensions', async () => {
    const hourly = await service.usage({ tenantId: 'tenant-a' }, ['MODEL', 'OUTCOME'], { interval: 'HOUR' });
    expect(hourly.map(({ bucketStart, key, calls }) => [bucketStart?.toISOString(), key, calls])).toEqual([
      ['2026-11-01T12:00:00.000Z', 'gpt-a / ok', 2],
      ['2026-11-01T12:00:00.000Z', 'gpt-a / cancelled', 1],
      ['2026-11-01T12:00:00.000Z', 'gpt-a / error', 1],
      ['2026-11-01T13:00:00.000Z', 'gpt-b / ok', 1],
    ]);
    expect(hourly[0]!.keyParts).toEqual(['gpt-a', 'ok']);
    const daily = await service.usage({ tenantId: 'tenant-a' }, ['PROVIDER'], { interval: 'DAY' });
    expect(daily.map(({ bucketStart, key, calls }) => [bucketStart?.toISOString(), key, calls])).toEqual([
      ['2026-11-01T00:00:00.000Z', 'other', 1],
      ['2026-11-01T00:00:00.000Z', 'openai', 4],
    ]);
  });

  it('reads across tenants only in the all-tenants scope, and costs per tenant', async () => {
    const scoped = await service.usage({ tenantId: 'tenant-a' }, ['TENANT']);
    expect(scoped.map((bucket) => bucket.key)).toEqual(['tenant-a']);
    const everyone = await service.usage({ allTenants: true }, ['TENANT'], { until: minutes(61) });
    expect(everyone.map((bucket) => [bucket.key, bucket.calls])).toEqual([
      ['tenant-b', 1],
      ['tenant-a', 5],
      ['tenant-v', 1],
    ]);
    const costs = await service.costByTenant({ since: minutes(0), until: minutes(61) });
    expect(costs[0]).toEqual({ tenantId: 'tenant-b', calls: 1, inputTokens: 100, outputTokens: 10, costMicros: 1_000_000 });
    await expect(service.usage({ tenantId: 'tenant-a' }, [])).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
