import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { SpanKind, type SpanContext } from '@opentelemetry/api';
import { tokenExpiredError } from '../../platform/auth/jwt.js';
import { tracer } from '../../platform/telemetry/tracer.js';
import { appError, ErrorCode } from '../../platform/errors.js';
import { createEventPlanExecutor } from './event-plan-executor.js';
import type { PreparedOperation } from './prepare-operation.js';
import { SubscriptionEventStream } from './subscription-event-stream.js';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.js';
import type { UpstreamEvent } from './upstream-connections.js';
import { refusesCaller, subgraphUnavailable, upstreamFailed, upstreamRejected } from './upstream-errors.js';

export interface SubscribeDependencies {
  planner: SubscriptionPlanner;
  dataSource(serviceName: string): GraphQLDataSource;
}

/**
 * Serves one client subscription: opens the planned primary fetch as an upstream graphql-ws subscription on the
 * owning subgraph and completes every event with the rest of the plan.
 */
export function subscribeThroughPlan(
  deps: SubscribeDependencies,
  operation: PreparedOperation,
): SubscriptionEventStream<UpstreamEvent> | ExecutionResult {
  const log = operation.context.log;
  let planned;
  try {
    planned = deps.planner.plan(operation.document, operation.operationName);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    log.error({ err: error }, 'could not plan subscription');
    return { errors: [appError(ErrorCode.Internal, 'Could not plan the subscription')] };
  }
  const { primary } = planned;
  // Spans the subscribe itself (opening the upstream); each event's plan run links back to it.
  const subscribeSpan = tracer.startSpan(`subscribe ${operation.operationName ?? primary.serviceName}`, {
    kind: SpanKind.SERVER,
    attributes: {
      'graphql.operation.type': 'subscription',
      ...(operation.operationName ? { 'graphql.operation.name': operation.operationName } : {}),
      'ragline.subgraph': primary.serviceName,
    },
  });
  try {
    return openThroughPlan(deps, operation, planned, subscribeSpan.spanContext());
  } finally {
    subscribeSpan.end();
  }
}

function openThroughPlan(
  deps: SubscribeDependencies,
  operation: PreparedOperation,
  planned: PlannedSubscription,
  subscribeSpan: SpanContext,
): SubscriptionEventStream<UpstreamEvent> | ExecutionResult {
  const { context, variables } = operation;
  const log = context.log;
  const { primary } = planned;
  const stream = new SubscriptionEventStream<UpstreamEvent>(
    createEventPlanExecutor({
      ...deps,
      planned,
      context,
      variables,
      query: operation.query,
      document: operation.document,
      operationName: operation.operationName,
      subscribeSpan,
    }),
    (error) => {
      log.error({ err: error, subgraph: primary.serviceName }, 'subscription event could not be completed');
      return { errors: [appError(ErrorCode.Internal, 'Unexpected error while completing a subscription event')] };
    },
  );
  const upstreamVariables = Object.fromEntries(
    (primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]),
  );
  let closeUpstream: () => void;
  try {
    closeUpstream = operation.connection.upstreams().subscribe(
      primary.serviceName,
      { query: primary.operation, operationName: primary.operationName, variables: upstreamVariables },
      {
        next: (event) => (refusesCaller(event) ? stream.fail(upstreamRejected(primary.serviceName, event.errors!)) : stream.event(event)),
        rejected: (errors) => stream.fail(upstreamRejected(primary.serviceName, errors)),
        failed: (cause) => stream.fail(upstreamFailed(primary.serviceName, cause)),
        complete: () => stream.end(),
      },
      log,
    );
  } catch (error) {
    // e.g. no graphql-ws URL is known for the subgraph
    log.error({ err: error, subgraph: primary.serviceName }, 'could not open upstream subscription');
    return subgraphUnavailable(primary.serviceName);
  }
  stream.attach(closeUpstream);
  // The token's expiry ends the subscription here, whether or not the subgraph has ended its own yet.
  if (context.tokenExpiresAt !== undefined) stream.endAt(context.tokenExpiresAt, () => ({ errors: [tokenExpiredError()] }));
  return stream;
}
