import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';

/** CLIENT SETNAME refuses spaces and newlines; names make `CLIENT LIST` readable when debugging a stuck loop. */
function clientName(name: string): string {
  return name.replace(/[^\w:.@-]/g, '_');
}

/** Without a listener ioredis prints every reconnect failure to stderr; route them through the logger instead. */
export function logConnectionErrors(redis: Redis, logger: Logger, role: string): Redis {
  redis.on('error', (err: Error) => logger.warn({ err, role }, 'redis connection error; ioredis will reconnect'));
  return redis;
}

/**
 * A blocking XREAD/XREADGROUP occupies its connection, so each loop gets its own. `maxRetriesPerRequest: null` keeps
 * the command queued across a Redis restart instead of failing it after 20 reconnect attempts.
 */
export function openBlockingConnection(commands: Redis, logger: Logger, name: string): Redis {
  const connection = commands.duplicate({ maxRetriesPerRequest: null, connectionName: clientName(name) });
  return logConnectionErrors(connection, logger, name);
}

/** QUIT waits for queued commands; when Redis is unreachable that could be forever, so fall back to dropping the socket. */
export async function quitOrDisconnect(redis: Redis, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    await Promise.race([redis.quit().catch(() => undefined), timedOut]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
