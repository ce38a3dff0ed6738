import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../platform/request-context.js';

/** One line per operation with its name, duration and error codes, on the request's own logger (request ID, tenant). */
export function requestLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const codes = errors?.map((error) => error.extensions?.code ?? 'UNKNOWN');
          contextValue.log.info(
            { operationName, durationMs: Math.round(performance.now() - started), errorCodes: codes },
            'graphql operation',
          );
        },
      };
    },
  };
}
