import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer } from '../platform/telemetry/tracer.js';
import { summariseStatement } from './statement-summary.js';

/**
 * A CLIENT span per SQL statement, following the database semantic conventions (`db.system.name`,
 * `db.operation.name`, `db.query.summary`, `db.namespace`), drawn from MikroORM's query log: one hook that sees every
 * statement on both drivers, PGlite (not node-postgres, so no instrumentation library knows it) and node-postgres.
 * The statement's text and parameters are never recorded. Statements outside a traced operation (the outbox relay's
 * polling, migrations) get no span: they would each be a trace of their own.
 */
export class TracedOrmLogger implements OrmLogger {
  constructor(
    private readonly inner: OrmLogger,
    private readonly database: { engine: 'pglite' | 'postgresql'; schema: string },
  ) {}

  logQuery(context: LogContext): void {
    if (trace.getActiveSpan()?.isRecording() && context.query) this.recordStatement(context);
    this.inner.logQuery(context);
  }

  private recordStatement(context: LogContext): void {
    const end = Date.now();
    const { operation, summary } = summariseStatement(context.query!);
    // MikroORM reports a statement after it finished, with its duration in whole milliseconds.
    const span = tracer.startSpan(summary, {
      kind: SpanKind.CLIENT,
      startTime: end - (context.took ?? 0),
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': this.database.schema,
        'db.operation.name': operation,
        'db.query.summary': summary,
        'ragline.db.engine': this.database.engine,
        ...(context.results !== undefined ? { 'db.response.returned_rows': context.results } : {}),
      },
    });
    if (context.level === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  }

  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return this.inner.isEnabled(namespace, context);
  }

  log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    this.inner.log(namespace, message, context);
  }

  error(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    this.inner.error(namespace, message, context);
  }

  warn(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    this.inner.warn(namespace, message, context);
  }

  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    this.inner.setDebugMode(debugMode);
  }
}
