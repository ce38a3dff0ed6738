// The CommonJS build: @apollo/subgraph builds the schema with it, and vitest would otherwise load the ESM copy.
import type { OrderTimelineService } from '../order-activity/order-timeline-service.js';
import { graphql } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.js';
import { createObservabilityContext } from '../context.js';
import { observabilitySubgraph } from '../index.js';
import type { LlmUsageBucket } from './llm-usage-bucket.js';
import type { LlmUsageService } from './llm-usage-service.js';

const logger = pino({ level: 'silent' });
const bucket: LlmUsageBucket = {
  key: 'gpt-a',
  keyParts: ['gpt-a'],
  bucketStart: null,
  calls: 2,
  inputTokens: 3_000_000_000,
  outputTokens: 20,
  costMicros: 1_500,
  errorRate: 0.5,
  latencyP50Ms: 150,
  latencyP95Ms: 195,
  timeToFirstTokenP95Ms: null,
};
const QUERY = `query ($since: DateTimeISO) {
  llmUsage(groupBy: MODEL, since: $since) { key calls inputTokens costMicros errorRate latencyP50Ms latencyP95Ms timeToFirstTokenP95Ms }
}`;

async function run(principal: Principal | undefined, variables: Record<string, unknown> = {}) {
  const usage = vi.fn(async () => [bucket]);
  const { schema } = await observabilitySubgraph.buildSchema();
  const contextValue = createObservabilityContext(
    { requestId: 'r1', log: logger, principal },
    {
      llmUsage: { usage } as unknown as LlmUsageService,
      timelines: { timelines: async () => [] } as unknown as OrderTimelineService,
      deadLetters: {} as never,
      promptExperiments: {} as never,
      operationTimings: {} as never,
    },
  );
  return { result: await graphql({ schema, source: QUERY, contextValue, variableValues: variables }), usage };
}

describe('Query.llmUsage', () => {
  it('is for staff and admins only', async () => {
    expect((await run(undefined)).result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { result, usage } = await run({ userId: 'u1', tenantId: 'tenant-a', roles: ['customer'] });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(usage).not.toHaveBeenCalled();
  });

  it("asks for the caller's tenant with the parsed time range", async () => {
    const { result, usage } = await run({ userId: 'u2', tenantId: 'tenant-a', roles: ['staff'] }, { since: '2026-11-01T00:00:00.000Z' });
    expect(result.errors).toBeUndefined();
    expect(usage).toHaveBeenCalledWith({ tenantId: 'tenant-a' }, ['MODEL'], {
      since: new Date('2026-11-01T00:00:00.000Z'),
      until: undefined,
      interval: undefined,
    });
    const { key, calls, inputTokens, costMicros, errorRate, latencyP50Ms, latencyP95Ms, timeToFirstTokenP95Ms } = bucket;
    expect(result.data).toEqual({
      llmUsage: [{ key, calls, inputTokens, costMicros, errorRate, latencyP50Ms, latencyP95Ms, timeToFirstTokenP95Ms }],
    });
  });

  it('prints the usage types in the subgraph SDL', async () => {
    const { sdl } = await observabilitySubgraph.buildSchema();
    expect(sdl).toMatch(/llmUsage\([^)]*groupBy: \[LlmUsageDimension!\]![^)]*\): \[LlmUsageBucket!\]!/);
    expect(sdl).toMatch(/enum LlmUsageDimension \{\s+MODEL\s+PROVIDER\s+PROMPT\s+VARIANT\s+OUTCOME\s+TENANT\s+\}/);
  });
});
