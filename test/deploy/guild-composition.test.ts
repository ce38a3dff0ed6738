import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { composeServices } from '@theguild/federation-composition';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraphYaml } from '../../commands/composition/compose-supergraph.js';

/**
 * The API schema as a client sees it, one line per type: its kind and members (fields with argument and result
 * types, enum values, union members). Descriptions and directive definitions are left out: they are not behaviour.
 */
function apiShape(schema: GraphQLSchema): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || type.name.startsWith('__')) continue;
    let members: string[] = [];
    if (isObjectType(type) || isInterfaceType(type)) {
      members = Object.values(type.getFields()).map((f) => `${f.name}(${f.args.map((a) => `${a.name}: ${a.type}`).join(', ')}): ${f.type}`);
      members.push(...type.getInterfaces().map((i) => `implements ${i.name}`));
    } else if (isInputObjectType(type)) members = Object.values(type.getFields()).map((f) => `${f.name}: ${f.type}`);
    else if (isEnumType(type)) members = type.getValues().map((v) => v.name);
    else if (isUnionType(type)) members = type.getTypes().map((t) => t.name);
    shape[type.name] = `${type.constructor.name} { ${members.sort().join('; ')} }`;
  }
  return shape;
}

const manifest = await readSupergraphYaml('supergraph.yaml');
const services = await Promise.all(
  Object.entries(manifest.subgraphs).map(async ([name, entry]) => ({
    name,
    url: entry.routing_url,
    typeDefs: parse(await readFile(entry.schema.file, 'utf8')),
  })),
);

describe("The Guild's federation composition of our subgraphs", () => {
  it('composes schema/*.graphql into the same API schema as the committed Apollo-composed supergraph', async () => {
    const guild = composeServices(services);
    expect(guild.errors?.map((error) => error.message)).toBeUndefined();
    const ours = Supergraph.build(await readFile('schema/supergraph.graphql', 'utf8'))
      .apiSchema()
      .toGraphQLJSSchema();
    const theirs = buildSchema(guild.publicSdl!);
    expect(apiShape(theirs)).toEqual(apiShape(ours));
    expect(Object.keys(apiShape(ours))).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Subscription', 'Order', 'Product']));
  });

  it('would notice a divergence (a field one composition has and the other lacks)', () => {
    const withExtraField = services.map((service) =>
      service.name === 'orders'
        ? { ...service, typeDefs: parse(`${service.typeDefs.loc!.source.body}\nextend type Query { extra: Int }`) }
        : service,
    );
    const guild = composeServices(withExtraField);
    expect(guild.errors).toBeUndefined();
    const baseline = composeServices(services);
    expect(apiShape(buildSchema(guild.publicSdl!))).not.toEqual(apiShape(buildSchema(baseline.publicSdl!)));
    const broken = composeServices(
      services.map((s) => (s.name === 'orders' ? { ...s, typeDefs: parse('type Query { orders: String }') } : s)),
    );
    expect(broken.errors?.length).toBeGreaterThan(0);
  });
});
