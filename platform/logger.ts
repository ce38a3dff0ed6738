import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { activeTraceIds } from './telemetry/tracer.js';

export type { Logger };

/**
 * One root logger per process; request-scoped children add `requestId` and `tenant`, and every line written while a
 * sampled span is active carries its `trace_id` and `span_id` (the names OpenTelemetry's log data model uses).
 */
export function createLogger(options: { level: string; service: string }, destination?: DestinationStream): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceFields,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['authorization', 'headers.authorization', 'connectionParams.authorization', '*.token'], censor: '[redacted]' },
  };
  return destination ? pino(settings, destination) : pino(settings);
}

function traceFields(): Record<string, string> {
  const ids = activeTraceIds();
  return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
