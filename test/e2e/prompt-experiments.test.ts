import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickVariant } from '../../subgraphs/assistant/prompts/pick-variant.js';
import { loadPrompts } from '../../subgraphs/assistant/prompts/load-prompts.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { call, chat, CONVERSATION, errorCodes, startConversation } from './assistant-helpers.js';

const RATE = /* GraphQL */ `
  mutation Rate($id: ID!, $rating: Thumbs!, $reason: String) {
    rateMessage(messageId: $id, rating: $rating, reason: $reason) {
      messageId
      rating
      reason
      ratedAt
    }
  }
`;
const EXPERIMENT = /* GraphQL */ `
  query Experiment($name: String!, $baseline: String) {
    promptExperiment(name: $name, baseline: $baseline) {
      promptName
      baseline
      variants {
        variant
        calls
        errorRate
        meanLatencyMs
        meanTokens
        ratings
        thumbsUp
        thumbsUpRate
      }
      comparisons {
        metric
        baseline
        variant
        baselineValue
        variantValue
        difference
        test
        pValue
        significant
        requiredSampleSize
        baselineSamples
        variantSamples
        confidenceStatement
      }
    }
  }
`;
const USAGE = /* GraphQL */ `
  query Usage($groupBy: [LlmUsageDimension!]!, $bucket: LlmUsageInterval) {
    llmUsage(groupBy: $groupBy, bucket: $bucket) {
      key
      keyParts
      bucketStart
      calls
    }
  }
`;
const COST_BY_TENANT = /* GraphQL */ `
  {
    costByTenant {
      tenantId
      calls
      costMicros
    }
  }
`;

/** Demo-tenant users the assistant's sticky A/B assignment puts in `variant` (found by the same hash it uses). */
async function usersIn(variant: string, count: number): Promise<string[]> {
  const prompt = (await loadPrompts('prompts')).find((candidate) => candidate.name === 'assistant-system')!;
  const users: string[] = [];
  for (let index = 0; users.length < count; index += 1) {
    if (pickVariant(prompt, `demo:user-${index}`).id === variant) users.push(`user-${index}`);
  }
  return users;
}

/** Two variants of assistant-system exercised with the offline model, rated through the gateway, compared by observability. */
describe('prompt experiments through the gateway', () => {
  let supergraph: TestSupergraph;
  let staff: string;
  const answers = new Map<string, string>();

  beforeAll(async () => {
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '' });
    staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    const users = [...(await usersIn('baseline', 3)), ...(await usersIn('concise', 3))];
    for (const user of users) {
      const token = await supergraph.token({ sub: user });
      const answer = await chat(supergraph, token, await startConversation(supergraph, token), 'Hello, what can you do?');
      expect(answer.completed.message.status).toBe('COMPLETED');
      answers.set(user, answer.messageId);
    }
  }, 120_000);
  afterAll(() => supergraph?.close());

  it('records one rating per user and message (a second one replaces it) and compares the variants', async () => {
    const [b1, b2, b3, c1, c2, c3] = [...answers.keys()];
    const rate = async (user: string, rating: string, reason?: string) =>
      (await call(supergraph, RATE, { id: answers.get(user), rating, reason }, await supergraph.token({ sub: user }))).rateMessage;
    expect(await rate(b1!, 'DOWN', 'too long')).toMatchObject({ rating: 'DOWN', reason: 'too long', messageId: answers.get(b1!) });
    expect(await rate(b1!, 'UP')).toMatchObject({ rating: 'UP', reason: null });
    await rate(b2!, 'UP');
    await rate(b3!, 'UP', '  helpful  ');
    await rate(c1!, 'UP');
    await rate(c2!, 'DOWN', 'curt');
    await rate(c3!, 'DOWN');

    const experiment = async () => (await call(supergraph, EXPERIMENT, { name: 'assistant-system' }, staff)).promptExperiment;
    await waitFor(async () => {
      const { variants } = await experiment();
      return variants.length === 2 && variants.every((variant: any) => variant.ratings === 3);
    }, 'all six ratings in promptExperiment');

    const { promptName, baseline, variants, comparisons } = await experiment();
    expect({ promptName, baseline }).toEqual({ promptName: 'assistant-system', baseline: 'baseline' });
    // b1's DOWN was replaced by UP: 3 of 3 baseline answers liked, 1 of 3 concise ones.
    expect(variants).toEqual([
      expect.objectContaining({ variant: 'baseline', ratings: 3, thumbsUp: 3, thumbsUpRate: 1, errorRate: 0 }),
      expect.objectContaining({ variant: 'concise', ratings: 3, thumbsUp: 1, thumbsUpRate: 1 / 3, errorRate: 0 }),
    ]);
    for (const variant of variants) expect(variant.calls).toBeGreaterThanOrEqual(3);
    expect(comparisons.map((comparison: any) => comparison.metric)).toEqual([
      'THUMBS_UP_RATE',
      'ERROR_RATE',
      'LATENCY_MS',
      'TOKENS',
      'COST_MICROS',
    ]);

    // Two-proportion z-test of 3/3 vs 1/3: pooled 2/3, se = sqrt(2/3 · 1/3 · 2/3) = 0.3849, z = 1.7321, p = 0.0833;
    // n = (1.96·sqrt(2·(2/3)(1/3)) + 0.8416·sqrt(0 + 2/9))² / (2/3)² = 6.53 -> 7 per variant.
    const rating = comparisons[0];
    expect(rating).toMatchObject({
      baseline: 'baseline',
      variant: 'concise',
      baselineValue: 1,
      variantValue: 1 / 3,
      test: 'two-proportion z-test',
      significant: false,
      requiredSampleSize: 7,
      baselineSamples: 3,
      variantSamples: 3,
    });
    expect(rating.difference).toBeCloseTo(-2 / 3, 10);
    expect(rating.pValue).toBeCloseTo(0.0833, 3);
    expect(rating.confidenceStatement).toMatch(
      /^concise's thumbs-up rate \(33\.3%, n=3\) is lower than baseline's \(100\.0%, n=3\); .*not significant/,
    );
    expect(rating.confidenceStatement).toMatch(/about 7 per variant/);
    // No call failed in either arm: nothing to test, and said so.
    expect(comparisons[1]).toMatchObject({ metric: 'ERROR_RATE', pValue: null, significant: false, requiredSampleSize: null });
  });

  it('refuses ratings of what is not the caller’s answer, and bad input, with stable codes', async () => {
    const [owner, other] = [...answers.keys()];
    const otherToken = await supergraph.token({ sub: other! });
    const ownerToken = await supergraph.token({ sub: owner! });
    const id = answers.get(owner!);
    expect(await errorCodes(supergraph, RATE, { id, rating: 'UP' }, otherToken)).toEqual(['NOT_FOUND']);
    expect(await errorCodes(supergraph, RATE, { id, rating: 'UP' }, await supergraph.token({ tenant: 'acme', sub: owner! }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await errorCodes(supergraph, RATE, { id: 'not-a-uuid', rating: 'UP' }, ownerToken)).toEqual(['NOT_FOUND']);
    expect(await errorCodes(supergraph, RATE, { id, rating: 'UP', reason: 'x'.repeat(501) }, ownerToken)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(supergraph, RATE, { id, rating: 'MEH' }, ownerToken)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(supergraph, RATE, { id, rating: 'UP' })).toEqual(['UNAUTHENTICATED']);
    const conversation = (await call(supergraph, `{ conversations(first: 1) { edges { node { id } } } }`, {}, ownerToken)).conversations;
    const question = (await call(supergraph, CONVERSATION, { id: conversation.edges[0].node.id }, ownerToken)).conversation.messages[0];
    expect(question.role).toBe('USER');
    expect(await errorCodes(supergraph, RATE, { id: question.id, rating: 'UP' }, ownerToken)).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps promptExperiment to staff of the tenant and checks its input', async () => {
    const customer = await supergraph.token({ sub: 'cara' });
    expect(await errorCodes(supergraph, EXPERIMENT, { name: 'assistant-system' }, customer)).toEqual(['FORBIDDEN']);
    expect(await errorCodes(supergraph, EXPERIMENT, { name: ' ' }, staff)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(supergraph, EXPERIMENT, { name: 'assistant-system', baseline: 'nope' }, staff)).toEqual(['BAD_USER_INPUT']);
    // Another tenant's staff sees none of the demo tenant's experiment.
    const acmeStaff = await supergraph.token({ tenant: 'acme', sub: 'sam', roles: ['staff'] });
    expect((await call(supergraph, EXPERIMENT, { name: 'assistant-system' }, acmeStaff)).promptExperiment).toEqual({
      promptName: 'assistant-system',
      baseline: null,
      variants: [],
      comparisons: [],
    });
  });

  it('groups usage by variant in an hourly series, and only an operator sees across tenants', async () => {
    const admin = await supergraph.token({ sub: 'ada', roles: ['admin'] });
    const series = (await call(supergraph, USAGE, { groupBy: ['VARIANT'], bucket: 'HOUR' }, admin)).llmUsage;
    expect(series.map((bucket: any) => bucket.keyParts[0]).sort()).toEqual(['assistant-system.v1:baseline', 'assistant-system.v1:concise']);
    for (const bucket of series) expect(new Date(bucket.bucketStart).getUTCMinutes()).toBe(0);

    const acme = await supergraph.token({ tenant: 'acme', sub: 'zoe' });
    await chat(supergraph, acme, await startConversation(supergraph, acme), 'Hello?');

    expect(await errorCodes(supergraph, USAGE, { groupBy: ['TENANT'] }, admin)).toEqual(['FORBIDDEN']);
    expect(await errorCodes(supergraph, COST_BY_TENANT, {}, admin)).toEqual(['FORBIDDEN']);
    expect(await errorCodes(supergraph, USAGE, { groupBy: [] }, admin)).toEqual(['BAD_USER_INPUT']);
    const operator = await supergraph.token({ tenant: 'platform', sub: 'olga', roles: ['operator'] });
    await waitFor(
      async () => (await call(supergraph, COST_BY_TENANT, {}, operator)).costByTenant.some((row: any) => row.tenantId === 'acme'),
      "acme's call in costByTenant",
    );
    const tenants = (await call(supergraph, COST_BY_TENANT, {}, operator)).costByTenant.map((row: any) => row.tenantId).sort();
    expect(tenants).toEqual(['acme', 'demo']);
    const byTenant = (await call(supergraph, USAGE, { groupBy: ['TENANT', 'PROMPT'] }, operator)).llmUsage;
    expect(byTenant.map((bucket: any) => bucket.key).sort()).toEqual(['acme / assistant-system.v1', 'demo / assistant-system.v1']);
    // The demo admin's own usage counts none of acme's calls.
    const own = (await call(supergraph, USAGE, { groupBy: ['PROMPT'] }, admin)).llmUsage;
    const demoCalls = byTenant.find((bucket: any) => bucket.key.startsWith('demo'))!.calls;
    expect(own).toEqual([expect.objectContaining({ key: 'assistant-system.v1', calls: demoCalls })]);
  });

  it('answers the slowest operations of the tenant from the gateway’s per-minute timings', async () => {
    const SLOWEST = /* GraphQL */ `
      query Slowest($limit: Int) {
        slowestOperations(limit: $limit) {
          operationName
          calls
          errorRate
          meanMs
          p50Ms
          p95Ms
          maxMs
        }
      }
    `;
    await supergraph.gateway.flushOperationTimings();
    const named = async (token: string) => (await call(supergraph, SLOWEST, { limit: 100 }, token)).slowestOperations as any[];
    await waitFor(async () => (await named(staff)).some((operation) => operation.operationName === 'Usage'), 'Usage in slowestOperations');
    const operations = await named(staff);
    const rate = operations.find((operation) => operation.operationName === 'Rate')!;
    // Seven accepted ratings and five refused ones of demo tokens (the earlier tests); refusals count as errors.
    expect(rate.calls).toBe(12);
    expect(rate.errorRate).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.p50Ms).toBeLessThanOrEqual(operation.p95Ms);
      expect(operation.p95Ms).toBeLessThanOrEqual(operation.maxMs);
    }
    const p95s = operations.map((operation) => operation.p95Ms);
    expect(p95s).toEqual([...p95s].sort((a, b) => b - a));
    expect(await named(staff).then(() => call(supergraph, SLOWEST, { limit: 1 }, staff))).toMatchObject({
      slowestOperations: [operations[0]],
    });
    // Another tenant's staff sees only that tenant's operations (acme never ran Usage).
    const acmeStaff = await supergraph.token({ tenant: 'acme', sub: 'sam', roles: ['staff'] });
    expect((await named(acmeStaff)).map((operation) => operation.operationName)).not.toContain('Usage');
    expect(await errorCodes(supergraph, SLOWEST, { limit: 0 }, staff)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(supergraph, SLOWEST, {}, await supergraph.token({ sub: 'cara' }))).toEqual(['FORBIDDEN']);
  });
});
