import type { Counter, Histogram } from 'prom-client';
import { counter, observeTraced, tracedHistogram } from './metrics.js';

interface GraphqlMetrics {
  duration: Histogram<'service' | 'operation_name' | 'operation_type'>;
  errors: Counter<'service' | 'code'>;
}

let metrics: GraphqlMetrics | undefined;

function graphqlMetrics(): GraphqlMetrics {
  return (metrics ??= {
    duration: tracedHistogram({
      name: 'ragline_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration by service (gateway or subgraph), operation name and type (query, mutation, subscription)',
      labelNames: ['service', 'operation_name', 'operation_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    errors: counter({
      name: 'ragline_graphql_errors_total',
      help: 'GraphQL errors in responses by service and extensions.code',
      labelNames: ['service', 'code'],
    }),
  });
}

/** Operation names come from callers: past this many distinct ones per service, new names are counted as `other`. */
const MAX_OPERATION_NAMES = 200;
const seenNames = new Map<string, Set<string>>();
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** A bounded label for a caller-chosen operation name: `anonymous`, the name, or `other` once the budget is spent. */
export function operationNameLabel(service: string, operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  if (!NAME.test(operationName)) return 'other';
  let seen = seenNames.get(service);
  if (!seen) seenNames.set(service, (seen = new Set()));
  if (seen.has(operationName)) return operationName;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(operationName);
  return operationName;
}

export interface FinishedOperation {
  service: string;
  operationName: string | null | undefined;
  /** `query`, `mutation`, `subscription`, or undefined when the document never parsed or named no operation. */
  operationType: string | undefined;
  seconds: number;
  errorCodes: readonly string[];
}

/** Records one finished operation: its duration and one error count per error code it answered with. */
export function recordOperation(operation: FinishedOperation): void {
  const m = graphqlMetrics();
  observeTraced(
    m.duration,
    {
      service: operation.service,
      operation_name: operationNameLabel(operation.service, operation.operationName),
      operation_type: operation.operationType ?? 'unknown',
    },
    operation.seconds,
  );
  for (const code of operation.errorCodes) m.errors.inc({ service: operation.service, code });
}

/** Error codes are our stable `extensions.code` values; anything else (a library's own code) is bounded to `OTHER`. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z_]{1,39}$/.test(code) ? code : code === undefined ? 'UNKNOWN' : 'OTHER';
}
