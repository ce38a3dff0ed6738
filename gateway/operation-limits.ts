import type { ApolloServerOptions } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import {
  isOperationLimitError,
  operationLimitError,
  operationLimitRules,
  type OperationLimits,
} from '../platform/server/operation-limits.js';
import type { RequestContext } from '../platform/request-context.js';

/** graphql-js's own message when `parseOptions.maxTokens` stops parsing (16.x says "more that"). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:an|at) \d+ tokens/;

/**
 * The operation limits in Apollo Server: Armor's rules (and the cost rule) as validation rules, and the token limit as
 * graphql-js's `maxTokens` parse option, since Apollo parses with graphql-js itself and has no parser hook (Armor's
 * Apollo token plugin throws from a hook, which Apollo answers with a 500). Apollo gives every validation error the code
 * GRAPHQL_VALIDATION_FAILED and every parse error GRAPHQL_PARSE_FAILED: `formatError` puts OPERATION_LIMIT_EXCEEDED back.
 */
export function apolloOperationLimits(
  limits: OperationLimits,
): Required<Pick<ApolloServerOptions<RequestContext>, 'validationRules' | 'parseOptions' | 'formatError'>> {
  return {
    validationRules: operationLimitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const original = (error as { originalError?: unknown } | null)?.originalError;
      if (isOperationLimitError(original)) {
        return { ...formatted, message: original.message, extensions: { ...formatted.extensions, ...original.extensions } };
      }
      if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
        const refusal = operationLimitError('tokens', limits.maxTokens);
        return { ...formatted, message: refusal.message, extensions: { ...formatted.extensions, ...refusal.extensions } };
      }
      return formatted;
    },
  };
}
