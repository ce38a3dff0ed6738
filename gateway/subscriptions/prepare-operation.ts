import { getOperationAST, getVariableValues, GraphQLError, type DocumentNode, type ExecutionArgs, type OperationTypeNode } from 'graphql';
import { tokenExpiredError } from '../../platform/auth/jwt.js';
import type { RequestContext } from '../../platform/request-context.js';
import { isOperationLimitError } from '../../platform/server/operation-limits.js';
import { findInputProblem, type InputLimits } from '../../platform/server/input-hygiene.js';
import type { GatewayConnection } from './gateway-connection.js';
import type { ValidatedDocuments } from './validated-documents.js';

/** What graphql-ws hands to `execute`/`subscribe` as `contextValue` for one operation. */
export interface PreparedOperation {
  connection: GatewayConnection;
  context: RequestContext;
  kind: OperationTypeNode;
  query: string;
  document: DocumentNode;
  operationName: string | null;
  /** As the client sent them (queries and mutations go through Apollo Server, which coerces them itself). */
  rawVariables: Record<string, unknown> | null;
  /** Coerced against the API schema, for subscriptions planned here. */
  variables: Record<string, unknown>;
}

export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * graphql-ws `onSubscribe`: refuses operations of a connection whose token has expired, invalid operations and refused
 * input values (input hygiene, for every operation on the socket, before its variables are coerced, executed or sent
 * upstream) with
 * graphql-ws errors, and otherwise returns the execution arguments.
 */
export function prepareOperation(
  documents: ValidatedDocuments,
  connection: GatewayConnection,
  payload: SubscribePayload,
  inputLimits: InputLimits,
): ExecutionArgs | readonly GraphQLError[] {
  if (connection.tokenExpired) return [tokenExpiredError()];
  const validated = documents.get(payload.query);
  if ('errors' in validated) {
    const refusals = validated.errors.filter(isOperationLimitError).map((error) => error.extensions.limit);
    if (refusals.length > 0) connection.caller.log.info({ limits: refusals }, 'graphql-ws operation refused by its limits');
    return validated.errors;
  }
  const { document } = validated;
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) return [new GraphQLError('Unable to identify the operation to run; check operationName')];
  const problem = findInputProblem({ document, operationName: payload.operationName, variables: payload.variables }, inputLimits);
  if (problem) {
    problem.extensions.requestId = connection.caller.requestId;
    return [problem];
  }
  const coerced = getVariableValues(documents.schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (coerced.errors) return coerced.errors;
  const prepared: PreparedOperation = {
    connection,
    context: connection.caller,
    kind: operation.operation,
    query: payload.query,
    document,
    operationName: payload.operationName ?? null,
    rawVariables: payload.variables ?? null,
    variables: { ...coerced.coerced },
  };
  return {
    schema: documents.schema,
    document,
    operationName: payload.operationName,
    variableValues: prepared.variables,
    contextValue: prepared,
  };
}
