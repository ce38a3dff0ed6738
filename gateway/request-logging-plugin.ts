import type { ApolloServerPlugin } from '@apollo/server';
import { errorCodeLabel, recordOperation } from '../platform/metrics/graphql-metrics.js';
import type { Logger } from '../platform/logger.js';
import type { RequestContext } from '../platform/request-context.js';

/**
 * One line per operation with its name, duration and error codes, on the request's own logger (request ID, tenant), and
 * the same figures as metrics (`ragline_graphql_operation_duration_seconds`, `ragline_graphql_errors_total`).
 */
export function requestLoggingPlugin(rootLog: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const seconds = (performance.now() - started) / 1000;
          const codes = errors?.map((error) => error.extensions?.code ?? 'UNKNOWN');
          recordOperation({
            service: 'gateway',
            operationName,
            operationType: operation?.operation,
            seconds,
            errorCodes: (errors ?? []).map((error) => errorCodeLabel(error.extensions?.code)),
          });
          // Asked of the root logger: the request's own is made only when a line is written.
          if (rootLog.isLevelEnabled('info'))
            contextValue.log.info({ operationName, durationMs: Math.round(seconds * 1000), errorCodes: codes }, 'graphql operation');
        },
      };
    },
  };
}
