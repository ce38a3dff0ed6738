import { pino, type Logger } from 'pino';

export type { Logger };

/** One root logger per process; request-scoped children add `requestId` and `tenant` so every line can be traced. */
export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['authorization', 'headers.authorization', 'connectionParams.authorization', '*.token'], censor: '[redacted]' },
  });
}
