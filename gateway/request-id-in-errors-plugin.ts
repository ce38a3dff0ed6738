import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../platform/request-context.js';
import { activeTraceIds } from '../platform/telemetry/tracer.js';

/**
 * Every error a client receives names the request ID, and the trace ID when the request was traced, so a support ticket
 * can be matched to the logs and the trace.
 */
export function requestIdInErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const traceId = activeTraceIds()?.traceId;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId, ...(traceId ? { traceId } : {}) },
          }));
        },
      };
    },
  };
}
