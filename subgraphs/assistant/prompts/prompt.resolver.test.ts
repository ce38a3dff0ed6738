import { resolve } from 'node:path';
// The CommonJS build: @apollo/subgraph builds the schema with it, and vitest would otherwise load the ESM copy.
import { graphql } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.js';
import { createAssistantContext } from '../context.js';
import { createAssistantSubgraph } from '../index.js';
import { PromptRegistry } from './prompt-registry.js';

const logger = pino({ level: 'silent' });
const customer: Principal = { userId: 'u1', tenantId: 'demo', roles: ['customer'] };
let prompts: PromptRegistry;

beforeAll(async () => {
  prompts = await PromptRegistry.open({ dir: resolve(import.meta.dirname, '../../../prompts'), logger, watch: false });
});
afterAll(() => prompts.close());

async function run(query: string, principal?: Principal) {
  const { schema } = await createAssistantSubgraph({ promptsDir: 'unused' }).buildSchema();
  const contextValue = createAssistantContext(
    { requestId: 'r1', log: logger, principal },
    { prompts, conversations: {} as never, chat: {} as never, approvals: {} as never },
  );
  return graphql({ schema, source: query, contextValue });
}

describe('prompt queries', () => {
  it('need an authenticated caller', async () => {
    const result = await run('{ prompts { name } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('list prompts and fetch the newest or a given version', async () => {
    const list = await run('{ prompts { name version variables temperature maxTokens variants { id weight } } }', customer);
    expect(list.errors).toBeUndefined();
    expect(list.data?.prompts).toContainEqual({
      name: 'assistant-system',
      version: 1,
      variables: ['restaurantName', 'currentDateTime', 'menuContext', 'currency'],
      temperature: 0.3,
      maxTokens: 800,
      variants: [
        { id: 'baseline', weight: 50 },
        { id: 'concise', weight: 50 },
      ],
    });
    const one = await run(
      '{ latest: prompt(name: "order-summary") { version } v9: prompt(name: "order-summary", version: 9) { version } }',
      customer,
    );
    expect(one).toEqual({ data: { latest: { version: 1 }, v9: null } });
  });

  it('prints federation SDL with the Prompt types', async () => {
    const { sdl } = await createAssistantSubgraph({ promptsDir: 'unused' }).buildSchema();
    expect(sdl).toMatch(/prompt\((name: String!, version: Int|version: Int, name: String!)\): Prompt\n/);
    expect(sdl).toContain('variants: [PromptVariant!]!');
  });
});
