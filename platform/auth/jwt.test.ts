import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { createTokenVerifier, signDevToken } from './jwt.js';

const config = loadConfig({});

describe('token verifier', () => {
  it('returns the principal from the claims', async () => {
    const verify = await createTokenVerifier(config);
    const token = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer', 'staff'] });
    const { exp } = decodeJwt(token);
    expect(await verify(token)).toEqual({
      principal: { userId: 'alice', tenantId: 'demo', roles: ['customer', 'staff'] },
      expiresAt: (exp! + config.JWT_CLOCK_SKEW_SECONDS) * 1000,
    });
  });

  it('stops accepting a remembered token once it expires beyond the clock skew', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const verify = await createTokenVerifier(config);
      const token = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer'] }, '30s');
      await verify(token);
      await verify(token); // served from the cache
      vi.setSystemTime(Date.now() + 31_000 + config.JWT_CLOCK_SKEW_SECONDS * 1000);
      await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('never lets a remembered token vouch for a tampered one', async () => {
    const verify = await createTokenVerifier(config);
    const token = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer'] });
    await verify(token);
    const [header, , signature] = token.split('.');
    const forgedClaims = Buffer.from(
      JSON.stringify({ sub: 'alice', tenant: 'demo', roles: ['admin'], iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE, exp: 9999999999 }),
    ).toString('base64url');
    await expect(verify(`${header}.${forgedClaims}.${signature}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const otherSecret = await new SignJWT({ tenant: 'demo', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(config.JWT_ISSUER)
      .setAudience(config.JWT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('z'.repeat(40)));
    await expect(verify(otherSecret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  describe('lifetime', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (times: { iat?: number; exp?: number }) => {
      const jwt = new SignJWT({ tenant: 'demo', roles: ['customer'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuer(config.JWT_ISSUER)
        .setAudience(config.JWT_AUDIENCE);
      if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
      if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
      return jwt.sign(new TextEncoder().encode(config.JWT_SECRET));
    };
    const refused = async (token: string, message: string) =>
      expect((await createTokenVerifier(config))(token)).rejects.toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });

    it('requires exp', async () => {
      await refused(await sign({ iat: now() }), 'Unauthenticated: token has no "exp" claim');
    });

    it('refuses a token living longer than JWT_MAX_LIFETIME_SECONDS, counted from iat or else from now', async () => {
      const max = config.JWT_MAX_LIFETIME_SECONDS;
      const tooLong = `Unauthenticated: token lifetime exceeds the maximum of ${max} seconds`;
      await refused(await sign({ iat: now() - 3600, exp: now() - 3600 + max + 60 }), tooLong);
      await refused(await sign({ exp: now() + max + config.JWT_CLOCK_SKEW_SECONDS + 60 }), tooLong);
      await refused(await sign({ iat: now() + 3600, exp: now() + 7200 }), 'Unauthenticated: token claim "iat" is in the future');
      const verify = await createTokenVerifier(config);
      await expect(verify(await sign({ iat: now() - 3600, exp: now() - 3600 + max }))).resolves.toBeDefined();
      await expect(verify(await sign({ exp: now() + max }))).resolves.toBeDefined();
    });

    it('accepts a token expired by less than JWT_CLOCK_SKEW_SECONDS, and refuses it after', async () => {
      const skewed = { ...config, JWT_CLOCK_SKEW_SECONDS: 10 };
      const exp = now() - 5;
      const token = await sign({ iat: exp - 60, exp });
      const { expiresAt } = await (await createTokenVerifier(skewed))(token);
      expect(expiresAt).toBe((exp + 10) * 1000);
      await expect((await createTokenVerifier({ ...config, JWT_CLOCK_SKEW_SECONDS: 4 }))(token)).rejects.toMatchObject({
        message: 'Unauthenticated: token expired',
      });
    });

    it('signs development tokens within the maximum lifetime', async () => {
      const short = { ...config, JWT_MAX_LIFETIME_SECONDS: 600 };
      const { exp, iat } = decodeJwt(await signDevToken(short, { sub: 'alice', tenant: 'demo', roles: ['customer'] }));
      expect(exp! - iat!).toBe(600);
      await expect(
        (await createTokenVerifier(short))(await signDevToken(short, { sub: 'a', tenant: 'demo', roles: ['customer'] })),
      ).resolves.toBeDefined();
    });
  });
});
