import { executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { execute, Kind, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLTypeResolver } from 'graphql';
import { SpanKind, type SpanContext } from '@opentelemetry/api';
import type { RequestContext } from '../../platform/request-context.js';
import { inSpan } from '../../platform/telemetry/tracer.js';
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
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  /** Shape events the owning subgraph answers alone without running the plan (see below). @default true */
  shapeWithoutPlan?: boolean;
  /** The subscribe operation's span: each plan run is a trace of its own linked to it. */
  subscribeSpan?: SpanContext;
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
 *
 * When the owning subgraph serves the whole selection (no `rest`: every token of a chat stream), the event only needs
 * shaping to the client's selection, which graphql-js does from the subgraph's payload several times faster than a
 * plan run (profiled: the plan run was the gateway's largest cost under 100 streaming chats). Events with errors
 * keep the plan run, which maps their paths; so do plans whose fetch the planner had to alias.
 */
export function createEventPlanExecutor(options: EventPlanExecutorOptions): (event: UpstreamEvent) => Promise<ExecutionResult> {
  const runPlan = createPlanRunner(options);
  const { planned, planner, variables } = options;
  if (planned.rest || options.shapeWithoutPlan === false || hasPlannerAliases(planned.primary.operation)) return runPlan;
  const shapeArgs = {
    schema: planner.apiSchema,
    document: options.document,
    operationName: options.operationName ?? null,
    variableValues: variables,
    fieldResolver: readResponseKey,
    typeResolver: readTypename,
  };
  return async (event) => {
    if (!event.data || (event.errors && event.errors.length > 0)) return runPlan(event);
    return execute({ ...shapeArgs, rootValue: event.data }) as ExecutionResult;
  };
}

/** The subgraph resolved every field already; its payload holds them under the client's response keys. */
const readResponseKey: GraphQLFieldResolver<Record<string, unknown> | null | undefined, unknown> = (source, _args, _context, info) =>
  source?.[info.path.key as string];
const readTypename: GraphQLTypeResolver<{ __typename?: string }, unknown> = (value) => value?.__typename;

/** Aliases the query planner adds to fields that would not merge (`name__alias_0`); the client never wrote them. */
const hasPlannerAliases = (operation: string) => /__alias_\d/.test(operation);

function createPlanRunner(options: EventPlanExecutorOptions): (event: UpstreamEvent) => Promise<ExecutionResult> {
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
    // One trace per event (an event can arrive hours after the subscribe), linked to the subscribe operation; the
    // gateway's own spans and the follow-up fetches nest under it.
    const spanOptions = {
      kind: SpanKind.INTERNAL,
      root: true,
      ...(options.subscribeSpan ? { links: [{ context: options.subscribeSpan }] } : {}),
      attributes: { 'graphql.operation.type': 'subscription', ...(operationName ? { 'graphql.operation.name': operationName } : {}) },
    };
    return inSpan(`subscription event ${operationName ?? primary.serviceName}`, spanOptions, () =>
      executeQueryPlan(queryPlan, serviceMap, requestContext, operationContext, planner.supergraphSchema, planner.federationApiSchema),
    );
  };
}
