import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SubgraphName } from '../../platform/config.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';

const supergraphYamlSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(z.string(), z.object({ routing_url: z.string(), schema: z.object({ file: z.string() }) })),
});

export type SupergraphYaml = z.infer<typeof supergraphYamlSchema>;

export async function readSupergraphYaml(path: string): Promise<SupergraphYaml> {
  return supergraphYamlSchema.parse(parseYaml(await readFile(path, 'utf8')));
}

export interface Composition {
  subgraphSdl: Record<string, string>;
  supergraphSdl: string;
  hints: string[];
}

/** Composes with @apollo/composition (what Rover runs, minus its binary download). Throws with every composition error. */
export async function composeSupergraph(
  manifest: SupergraphYaml,
  definitions: Record<SubgraphName, SubgraphDefinition<any>>,
): Promise<Composition> {
  const subgraphSdl: Record<string, string> = {};
  const services = [];
  for (const [name, entry] of Object.entries(manifest.subgraphs)) {
    const definition = definitions[name as SubgraphName];
    if (!definition) throw new Error(`supergraph.yaml lists "${name}", which is not a subgraph of this project`);
    const { sdl } = await definition.buildSchema();
    subgraphSdl[name] = sdl.endsWith('\n') ? sdl : `${sdl}\n`;
    services.push({ name, url: entry.routing_url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  return { subgraphSdl, supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => hint.toString()) };
}
