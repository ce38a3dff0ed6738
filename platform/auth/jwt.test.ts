import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { createTokenVerifier, signDevToken } from './jwt.js';

const config = loadConfig({});

describe('token verifier', () => {
  it('returns the principal from the claims', async () => {
    const verify = await createTokenVerifier(config);
    const token = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer', 'staff'] });
    expect(await verify(token)).toEqual({ userId: 'alice', tenantId: 'demo', roles: ['customer', 'staff'] });
  });

  it('stops accepting a remembered token once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const verify = await createTokenVerifier(config);
      const token = await signDevToken(config, { sub: 'alice', tenant: 'demo', roles: ['customer'] }, '30s');
      await verify(token);
      await verify(token); // served from the cache
      vi.setSystemTime(Date.now() + 31_000);
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
});
