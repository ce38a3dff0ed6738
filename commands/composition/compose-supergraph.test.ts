import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { composeSupergraph, readSupergraphYaml } from './compose-supergraph.js';

describe('composition', () => {
  it('the checked-in schema/ files match what the code composes (run `npm run compose` when this fails)', async () => {
    const manifest = await readSupergraphYaml(resolve('supergraph.yaml'));
    const composition = await composeSupergraph(manifest, SUBGRAPHS);
    for (const [name, entry] of Object.entries(manifest.subgraphs)) {
      const checkedIn = await readFile(resolve(entry.schema.file), 'utf8').catch(() => '');
      expect(checkedIn, `${entry.schema.file} is stale: run npm run compose`).toBe(composition.subgraphSdl[name]);
    }
    const supergraph = await readFile(resolve('schema/supergraph.graphql'), 'utf8').catch(() => '');
    expect(supergraph, 'schema/supergraph.graphql is stale: run npm run compose').toBe(composition.supergraphSdl);
  });

  it('fails loudly on a subgraph that breaks composition', async () => {
    const manifest = await readSupergraphYaml(resolve('supergraph.yaml'));
    const broken = {
      ...SUBGRAPHS,
      knowledge: {
        ...SUBGRAPHS.knowledge,
        // Same field, incompatible type: the kind of drift composition must catch.
        buildSchema: async () => ({
          schema: null as never,
          sdl: (await SUBGRAPHS.knowledge.buildSchema()).sdl.replace('status: OrderStatus! @external', 'status: Int! @external'),
        }),
      },
    };
    await expect(composeSupergraph(manifest, broken)).rejects.toThrow(/Composition failed/);
  });

  it('names a subgraph listed in supergraph.yaml that the code does not have', async () => {
    const manifest = await readSupergraphYaml(resolve('supergraph.yaml'));
    manifest.subgraphs.billing = { routing_url: 'http://127.0.0.1:4010/graphql', schema: { file: './schema/billing.graphql' } };
    await expect(composeSupergraph(manifest, SUBGRAPHS)).rejects.toThrow(/"billing"/);
  });
});
