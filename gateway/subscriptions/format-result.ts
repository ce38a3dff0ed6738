import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';

/**
 * graphql-ws serialises errors with `toJSON()`, which only GraphQLError instances have; results from Apollo Server
 * or subgraphs may carry already formatted errors, so every payload is formatted here.
 */
export function formatResult(result: ExecutionResult): FormattedExecutionResult {
  const { errors, ...rest } = result;
  if (!errors) return rest;
  return {
    ...rest,
    errors: errors.map((error: GraphQLError | GraphQLFormattedError) => (error instanceof GraphQLError ? error.toJSON() : error)),
  };
}
