import { describe, expect, it } from 'vitest';
import { RaglineError, toRaglineError } from './errors.js';
import { reconnectDelayMs } from './ragline-client.js';

describe('the SDK without a server', () => {
  it('waits longer after each failed reconnection, with jitter, up to 15 s', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(250);
    expect(reconnectDelayMs(0, () => 1)).toBe(500);
    expect(reconnectDelayMs(3, () => 1)).toBe(4000);
    expect(reconnectDelayMs(20, () => 1)).toBe(15_000);
    expect(reconnectDelayMs(20, () => 0)).toBe(7500);
  });

  it('names the first error and its stable code', () => {
    const error = new RaglineError([{ message: 'Version 2 is stale', extensions: { code: 'VERSION_CONFLICT' } }], 200);
    expect(error).toMatchObject({ message: 'Version 2 is stale', code: 'VERSION_CONFLICT', status: 200 });
    expect(new RaglineError([], 429).code).toBe('HTTP_429');
    expect(toRaglineError([{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }]).code).toBe('FORBIDDEN');
    expect(toRaglineError({ code: 1006, reason: '' })).toMatchObject({ code: 'NETWORK_ERROR', message: 'Connection closed (1006)' });
  });
});
