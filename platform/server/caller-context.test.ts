import { describe, expect, it } from 'vitest';
import type { TokenVerifier } from '../auth/jwt.js';
import { createLogger } from '../logger.js';
import { resolveCaller } from './caller-context.js';

/** A root logger writing JSON lines into `lines`, and how many request loggers were made from it. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const root = createLogger({ level: 'info', service: 'test' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let children = 0;
  const child = root.child.bind(root);
  root.child = ((...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  }) as typeof root.child;
  return { root, lines, children: () => children };
}

const verify: TokenVerifier = async () => ({
  principal: { userId: 'u1', tenantId: 'demo', roles: ['customer'] },
  expiresAt: Date.now() + 60_000,
});

describe('resolveCaller', () => {
  it("makes the request's logger on its first use, with the request ID and tenant", async () => {
    const { root, lines, children } = capturingLogger();
    const context = await resolveCaller({ authorization: 'Bearer t', requestId: 'req-1' }, verify, root);
    expect(children()).toBe(0);
    context.log.info('hello');
    context.log.info('again');
    expect(children()).toBe(1);
    expect(lines.map(({ msg, requestId, tenant }) => ({ msg, requestId, tenant }))).toEqual([
      { msg: 'hello', requestId: 'req-1', tenant: 'demo' },
      { msg: 'again', requestId: 'req-1', tenant: 'demo' },
    ]);
  });

  it('keeps the logger when the context is spread (as the subgraphs build theirs), and for anonymous callers', async () => {
    const { root, lines } = capturingLogger();
    const spread = { ...(await resolveCaller({ requestId: 'req-2' }, verify, root)), extra: true };
    spread.log.warn('spread');
    expect(lines.at(-1)).toMatchObject({ msg: 'spread', requestId: 'req-2' });
    expect(lines.at(-1)).not.toHaveProperty('tenant');
  });

  it('logs a rejected token with the request ID', async () => {
    const { root, lines } = capturingLogger();
    const refuse: TokenVerifier = async () => {
      throw new Error('token expired');
    };
    await expect(resolveCaller({ authorization: 'Bearer t', requestId: 'req-3' }, refuse, root)).rejects.toThrow('token expired');
    expect(lines.at(-1)).toMatchObject({ msg: 'rejected token', requestId: 'req-3', err: 'token expired' });
  });
});
