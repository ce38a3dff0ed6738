import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../platform/request-context.js';

/** Every error a client receives names the request ID, so a support ticket can be matched to the logs. */
export function requestIdInErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
