import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';

/**
 * graphql-ws serialises errors with `toJSON()`, which only GraphQLError instances have; results from Apollo Server
 * or subgraphs may carry already formatted errors, so every payload is formatted here (then masked, in production).
 */
export function formatResult(
  result: ExecutionResult,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError = (formatted) => formatted,
): FormattedExecutionResult {
  const { errors, ...rest } = result;
  if (!errors) return rest;
  return {
    ...rest,
    errors: errors.map((error: GraphQLError | GraphQLFormattedError) =>
      formatError(error instanceof GraphQLError ? error.toJSON() : error, error),
    ),
  };
}
