import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { errorCodeLabel, recordOperation } from '../metrics/graphql-metrics.js';

interface ExecutionResultLike {
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/**
 * Each executed query and mutation's duration and error codes, labelled with the subgraph's name (the gateway records
 * the same metrics as `service="gateway"`). Subscriptions are long-lived streams, not operations with a duration.
 */
export function useOperationMetrics(service: string): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = getOperationAST(args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          const errors = Symbol.asyncIterator in result ? [] : ((result as ExecutionResultLike).errors ?? []);
          recordOperation({
            service,
            operationName: args.operationName ?? operation?.name?.value,
            operationType: operation?.operation,
            seconds: (performance.now() - started) / 1000,
            errorCodes: errors.map((error) => errorCodeLabel(error.extensions?.code)),
          });
        },
      };
    },
  };
}
