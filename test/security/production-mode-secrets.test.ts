import { describe, expect, it, vi } from 'vitest';
import { loadConfigOrExit } from '../../commands/load-config-or-exit.js';
import { ConfigError, loadConfig } from '../../platform/config.js';

// Production mode, continued: no secret in a configuration error (the start-up banner is in production-mode.test.ts).
/** Bad values of secret-bearing variables: the environment, the secret that must not be echoed, the message expected. */
const SECRET_REJECTIONS: [Record<string, string>, string, RegExp][] = [
  [{ JWT_SECRET: 'hunter2-too-short' }, 'hunter2', /JWT_SECRET: expected at least 32 characters$/m],
  [{ METRICS_TOKEN: 'hunter2-short' }, 'hunter2', /METRICS_TOKEN: expected at least 16 characters$/m],
  [{ MODEL_PROVIDERS: '[{"name":"a","apiKey":"sk-hunter2"' }, 'hunter2', /MODEL_PROVIDERS: expected a JSON array/],
  [{ OPENAI_FALLBACK_BASE_URL: 'ftp://user:hunter2@models.internal/v1' }, 'hunter2', /\(got "ftp:\/\/user:\*\*\*@models.internal\/v1"\)/],
  [{ DATABASE_URL: 'mysql://app:hunter2@db.internal/ragline' }, 'hunter2', /\(got "mysql:\/\/app:\*\*\*@db.internal\/ragline"\)/],
  [{ REDIS_URL: 'redis:/:hunter2@cache.internal' }, 'hunter2', /REDIS_URL: expected redis:\/\/host:port/],
];

describe('configuration errors', () => {
  it.each(SECRET_REJECTIONS)('never echo a secret: %o', (env, secret, message) => {
    const error = (() => {
      try {
        loadConfig(env);
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain(secret);
  });

  it('print no secret when start-up stops', () => {
    vi.stubEnv('JWT_SECRET', 'hunter2-too-short');
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => loadConfigOrExit()).toThrow('exit 78');
      expect(printed.mock.calls.flat().join('\n')).toMatch(/JWT_SECRET: expected at least 32 characters/);
      expect(printed.mock.calls.flat().join('\n')).not.toContain('hunter2');
    } finally {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    }
  });
});
