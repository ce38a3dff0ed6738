import { composeServices } from '@apollo/composition';
import { executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { parse } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { createEventPlanExecutor } from './event-plan-executor.js';
import { createSubscriptionPlanner } from './subscription-planner.js';
import type { UpstreamEvent } from './upstream-connections.js';

/** A chat stream like the assistant's: a union of events, one of which carries an entity another subgraph extends. */
vi.mock('@apollo/gateway', async (importOriginal) => {
  const original = await importOriginal<typeof import('@apollo/gateway')>();
  return { ...original, executeQueryPlan: vi.fn(original.executeQueryPlan) };
});
const planRuns = vi.mocked(executeQueryPlan);

const chatTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Message @key(fields: "id") {
    id: ID!
    status: Status!
    text: String
  }
  enum Status {
    STREAMING
    COMPLETED
  }
  type Delta {
    text: String!
    index: Int!
  }
  type Completed {
    message: Message!
    tokens: [Int!]
  }
  union ChatEvent = Delta | Completed
  type Query {
    message(id: ID!): Message
  }
  type Subscription {
    chatStream(id: ID!): ChatEvent!
  }
`);
const ratingsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Message @key(fields: "id") {
    id: ID!
    rating: Int
  }
`);

const composition = composeServices([
  { name: 'chat', typeDefs: chatTypeDefs, url: 'http://chat.invalid' },
  { name: 'ratings', typeDefs: ratingsTypeDefs, url: 'http://ratings.invalid' },
]);
if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('; '));
const planner = createSubscriptionPlanner(composition.supergraphSdl);
const noFetches: GraphQLDataSource = {
  process: async () => {
    throw new Error('no follow-up fetch expected');
  },
};

function executor(query: string, variables: Record<string, unknown>, shapeWithoutPlan: boolean) {
  const document = parse(query);
  const planned = planner.plan(document);
  return {
    planned,
    run: createEventPlanExecutor({
      planner,
      planned,
      dataSource: () => noFetches,
      context: { requestId: 'test', log: createLogger({ level: 'silent', service: 'test' }) },
      query,
      document,
      variables,
      shapeWithoutPlan,
    }),
  };
}

/** Runs the primary fetch's own operation against a payload, as the owning subgraph would answer it. */
async function bothWays(query: string, variables: Record<string, unknown>, events: UpstreamEvent[]) {
  const shaped = executor(query, variables, true);
  const planRun = executor(query, variables, false);
  expect(shaped.planned.rest).toBeUndefined();
  const results = [];
  for (const event of events) {
    planRuns.mockClear();
    const fast = await shaped.run(event);
    expect(planRuns).not.toHaveBeenCalled();
    const planned = await planRun.run(event);
    expect(planRuns).toHaveBeenCalledTimes(1);
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(planned)));
    results.push(fast);
  }
  return results;
}

describe('subscription events the owning subgraph answers alone', () => {
  beforeEach(() => {
    planRuns.mockClear();
  });

  it("are shaped to the client's selection exactly as a plan run shapes them: aliases, fragments, typename, directives, nulls", async () => {
    const query = /* GraphQL */ `
      subscription Stream($id: ID!, $withTokens: Boolean!) {
        events: chatStream(id: $id) {
          kind: __typename
          ... on Delta {
            text
          }
          ...Done
        }
      }
      fragment Done on Completed {
        message {
          id
          state: status
          text
        }
        tokens @include(if: $withTokens)
      }
    `;
    const { planned } = executor(query, { id: 'm1', withTokens: true }, true);
    const upstream = (data: Record<string, unknown>): UpstreamEvent => ({ data: { events: data } });
    // The upstream payload holds what the primary fetch asked for, which may be more than the client selected.
    expect(planned.primary.operation).toContain('__typename');
    const delta = { __typename: 'Delta', text: 'Hel' };
    const done = { __typename: 'Completed', message: { id: 'm1', state: 'COMPLETED', text: null }, tokens: [1, 2] };
    const results = await bothWays(query, { id: 'm1', withTokens: true }, [upstream(delta), upstream(done)]);
    expect(results).toEqual([
      { data: { events: { kind: 'Delta', text: 'Hel' } } },
      { data: { events: { kind: 'Completed', message: { id: 'm1', state: 'COMPLETED', text: null }, tokens: [1, 2] } } },
    ]);
    const [withoutTokens] = await bothWays(query, { id: 'm1', withTokens: false }, [
      upstream({ __typename: 'Completed', message: done.message }),
    ]);
    expect(withoutTokens).toEqual({ data: { events: { kind: 'Completed', message: { id: 'm1', state: 'COMPLETED', text: null } } } });
  });

  it('leave events with errors to the plan run, which keeps their paths', async () => {
    const query = 'subscription { chatStream(id: "m1") { ... on Completed { message { id } } } }';
    const { run } = executor(query, {}, true);
    const result = await run({
      data: { chatStream: { __typename: 'Completed', message: null } },
      errors: [{ message: 'message gone', path: ['chatStream', 'message'] }],
    });
    expect(result.errors?.[0]?.message).toBe('message gone');
    expect(result.errors?.[0]?.path).toEqual(['chatStream', 'message']);
    expect(planRuns).toHaveBeenCalledTimes(1);
  });

  it('run the plan when another subgraph contributes fields', () => {
    const { planned } = executor('subscription { chatStream(id: "m1") { ... on Completed { message { rating } } } }', {}, true);
    expect(planned.rest).toBeDefined();
  });
});
