import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type PubSub } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@provides", "@shareable", "@inaccessible"])';

/**
 * type-graphql insists on a PubSub even when every subscription brings its own `subscribe` function (ours stream from
 * the event bus), so topic-based subscriptions fail loudly at the first use instead of silently never firing.
 */
const TOPICS_UNSUPPORTED: PubSub = {
  publish: () => {
    throw new Error('Topic-based subscriptions are not used here: publish to the EventBus instead');
  },
  subscribe: () => {
    throw new Error('Declare subscriptions with a `subscribe` function over the EventBus, not with `topics`');
  },
};

export type ReferenceResolver = (reference: Record<string, unknown>, context: any, info: any) => unknown;

export interface FederatedSchemaOptions extends Pick<BuildSchemaOptions, 'resolvers' | 'orphanedTypes'> {
  /** `__resolveReference` per entity type this subgraph can resolve from a key. */
  referenceResolvers?: Record<string, ReferenceResolver>;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as composition reads it. */
  sdl: string;
}

/**
 * type-graphql cannot print federation directives itself, so the known recipe is: build with type-graphql, print with
 * directives kept, prefix the federation @link, and let @apollo/subgraph build the real subgraph schema from that SDL
 * with type-graphql's resolvers (subscription `subscribe` functions survive this).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    validate: false,
    pubSub: TOPICS_UNSUPPORTED,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolveReference } as never;
  }
  return { schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers }), sdl };
}
