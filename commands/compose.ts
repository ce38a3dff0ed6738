import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { composeSupergraph, readSupergraphYaml } from './composition/compose-supergraph.js';

/** `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql and prints composition hints. */
const manifest = await readSupergraphYaml(resolve('supergraph.yaml'));
const composition = await composeSupergraph(manifest, SUBGRAPHS);
for (const [name, entry] of Object.entries(manifest.subgraphs)) {
  const file = resolve(entry.schema.file);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, composition.subgraphSdl[name]!);
}
await writeFile(resolve('schema/supergraph.graphql'), composition.supergraphSdl);
for (const hint of composition.hints) console.log(`hint: ${hint}`);
console.log(
  `composed ${Object.keys(manifest.subgraphs).length} subgraphs into schema/supergraph.graphql (${composition.hints.length} hints)`,
);
