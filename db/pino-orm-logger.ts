import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from '../platform/logger.js';

/** Adapts MikroORM's logger to pino: SQL at trace, ORM chatter at debug, warnings and errors always. */
export class PinoOrmLogger implements OrmLogger {
  constructor(private readonly logger: Logger) {}

  isEnabled(namespace: LoggerNamespace | string, context?: LogContext): boolean {
    if (namespace === 'query' || namespace === 'query-params') return this.logger.isLevelEnabled('trace');
    if (context?.enabled !== undefined) return context.enabled;
    if (namespace === 'deprecated' || namespace === 'slow-query') return true;
    return this.logger.isLevelEnabled('debug');
  }

  log(namespace: string, message: string, context?: LogContext): void {
    if (context?.level === 'error') return this.error(namespace, message, context);
    if (context?.level === 'warning') return this.warn(namespace, message, context);
    if (!this.isEnabled(namespace, context)) return;
    this.logger.debug({ orm: namespace, label: context?.label }, message);
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.logger.error({ orm: namespace, label: context?.label }, message);
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.logger.warn({ orm: namespace, label: context?.label }, message);
  }

  logQuery(context: LogContext): void {
    if (context.level === 'error') {
      // The error reaches the caller, who decides whether it matters (e.g. an expected unique violation).
      this.logger.debug({ orm: 'query', sql: context.query, took: context.took }, 'query failed');
      return;
    }
    if (!this.isEnabled(context.namespace ?? 'query', context)) return;
    this.logger.trace(
      { orm: 'query', sql: context.query, took: context.took, results: context.results, affected: context.affected },
      'sql',
    );
  }

  setDebugMode(): void {
    // verbosity follows the pino level
  }
}
