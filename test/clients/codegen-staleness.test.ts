import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../clients/codegen.js';

/** The generated files that differ from a fresh, in-memory generation (nothing is written). */
async function staleGeneratedFiles(codegenConfig: CodegenConfig): Promise<string[]> {
  const outputs = await generate({ ...codegenConfig, silent: true, verbose: false } as CodegenConfig, false);
  const stale: string[] = [];
  for (const { filename, content } of outputs) {
    const checkedIn = await readFile(filename, 'utf8').catch(() => undefined);
    if (checkedIn !== content) stale.push(filename);
  }
  return stale.sort();
}

describe('generated GraphQL code (npm run codegen) is checked in and current', () => {
  const scratch = mkdtemp(join(tmpdir(), 'ragline-codegen-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('matches the schema and the operation documents, for the SDK and the assistant subgraph', async () => {
    const stale = await staleGeneratedFiles(config);
    expect(stale, 'run `npm run codegen` and commit the result').toEqual([]);
  }, 60_000);

  it('detects a document added without regenerating', async () => {
    const extra = join(await scratch, 'extra.graphql');
    await writeFile(extra, 'query ExtraProbe { products(first: 1) { edges { node { id } } } }\n');
    const sdkOutput = 'clients/typescript/generated/';
    const target = config.generates[sdkOutput] as { documents: string[] };
    const stale = await staleGeneratedFiles({
      ...config,
      generates: { [sdkOutput]: { ...target, documents: [...target.documents, extra] } },
    } as CodegenConfig);
    expect(stale).toEqual(expect.arrayContaining([join(sdkOutput, 'gql.ts'), join(sdkOutput, 'graphql.ts')]));
  }, 60_000);
});
