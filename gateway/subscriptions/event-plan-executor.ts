import { executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { Kind, type ExecutionResult } from 'graphql';
import type { RequestContext } from '../../platform/request-context.js';
import type { UpstreamEvent } from './upstream-connections.js';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.js';

type GatewayRequestContext = Parameters<typeof executeQueryPlan>[2];
type ServiceMap = Parameters<typeof executeQueryPlan>[1];
type DataSourceOptions = Parameters<GraphQLDataSource['process']>[0];


export interface EventPlanExecutorOptions {
  planner: SubscriptionPlanner;
  planned: PlannedSubscription;
  dataSource(serviceName: string): GraphQLDataSource;
  context: RequestContext;
  query: string;
  operationName?: string | null;
  variables: Record<string, unknown>;
}

/**
 * Answers the primary fetch with the event that already arrived and hands every other fetch (including ones back to
 * the primary's own subgraph) to the real data source.
 */
class EventDataSource implements GraphQLDataSource {
  private answered = false;

  constructor(
    private readonly primaryOperation: string,
    private readonly event: UpstreamEvent,
    private readonly delegate: GraphQLDataSource,
  ) {}

  async process(options: DataSourceOptions) {
    if (!this.answered && options.request.query === this.primaryOperation) {
      this.answered = true;
      return { data: this.event.data ?? null, ...(this.event.errors?.length ? { errors: this.event.errors } : {}) };
    }
    return this.delegate.process(options);
  }
}

const noCache = { get: async () => undefined, set: async () => {}, delete: async () => true };

/**
 * Turns each upstream event into the client's payload by running `Sequence[primary, rest]` with the gateway's own
 * `executeQueryPlan`: follow-up fetches, `@requires`, `willSendRequest` and result shaping behave as for queries.
 */
export function createEventPlanExecutor(options: EventPlanExecutorOptions): (event: UpstreamEvent) => Promise<ExecutionResult> {
  const { planner, planned, context, variables } = options;
  const { primary, rest, operationContext } = planned;
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary };
  const dataSources: ServiceMap = Object.fromEntries(planner.serviceNames.map((name) => [name, options.dataSource(name)]));
  const operationName = options.operationName ?? null;

  return async (event) => {
    const delegate = dataSources[primary.serviceName]!;
    const serviceMap: ServiceMap = { ...dataSources, [primary.serviceName]: new EventDataSource(primary.operation, event, delegate) };
    const requestContext = {
      request: { query: options.query, operationName: operationName ?? undefined, variables },
      logger: context.log,
      schema: planner.apiSchema,
      schemaHash: '' as GatewayRequestContext['schemaHash'],
      context,
      cache: noCache,
      queryHash: '',
      document: { kind: Kind.DOCUMENT, definitions: [operationContext.operation, ...Object.values(operationContext.fragments)] },
      source: options.query,
      operationName,
      operation: operationContext.operation,
      // fresh per event: executeQueryPlan appends error paths here
      metrics: {},
      overallCachePolicy: undefined,
    } satisfies GatewayRequestContext;
    return executeQueryPlan(queryPlan, serviceMap, requestContext, operationContext, planner.supergraphSchema, planner.federationApiSchema);
  };
}
