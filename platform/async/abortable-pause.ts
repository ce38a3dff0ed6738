import { setTimeout as sleep } from 'node:timers/promises';

/** A backoff that stop() can cut short; resolves (never rejects) either way. */
export function abortablePause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).then(
    () => undefined,
    () => undefined,
  );
}
