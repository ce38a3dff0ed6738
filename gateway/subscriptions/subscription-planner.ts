import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** A subscription split the way the query planner sees it: one upstream stream, then follow-up fetches per event. */
export interface PlannedSubscription {
  /** The fetch that opens the stream; `primary.serviceName` owns the subscription's root field. */
  primary: FetchNode;
  /** Fetches run on every event for fields owned by other subgraphs (absent when the owner serves everything). */
  rest?: PlanNode;
  operationContext: OperationContext;
}

/** Everything derived once from the supergraph SDL. */
export interface SubscriptionPlanner {
  /** The client-facing schema (supergraph minus federation internals) operations are validated against. */
  apiSchema: GraphQLSchema;
  /** What `executeQueryPlan` needs to run follow-up fetches and shape results. */
  supergraphSchema: GraphQLSchema;
  federationApiSchema: Schema;
  serviceNames: readonly string[];
  /** Plans a validated subscription document; throws if the planner cannot or the operation is not a subscription. */
  plan(document: DocumentNode, operationName?: string | null): PlannedSubscription;
}

export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const federationApiSchema = supergraph.apiSchema();
  const apiSchema = federationApiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  // Plans live as long as their document: the gateway's validated-document cache holds one per operation text (apps
  // open the same few subscriptions over and over) and bounds how many are kept.
  const plansByDocument = new WeakMap<DocumentNode, Map<string, PlannedSubscription>>();
  const planUncached = (document: DocumentNode, operationName?: string | null): PlannedSubscription => {
    const operation = operationFromDocument(federationApiSchema, document, { operationName: operationName ?? undefined });
    const { node } = planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new Error('Expected a subscription operation');
    const operationContext = buildOperationContext({
      schema: apiSchema,
      operationDocument: document,
      operationName: operationName ?? undefined,
    });
    return { primary: node.primary, rest: node.rest, operationContext };
  };
  return {
    apiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    federationApiSchema,
    serviceNames: supergraph.subgraphsMetadata().map(({ name }) => name),
    plan(document, operationName) {
      let byName = plansByDocument.get(document);
      if (!byName) plansByDocument.set(document, (byName = new Map()));
      let planned = byName.get(operationName ?? '');
      if (!planned) {
        planned = planUncached(document, operationName);
        byName.set(operationName ?? '', planned);
      }
      return planned;
    },
  };
}
