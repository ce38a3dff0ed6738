import { createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, errors as joseErrors, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { Config } from '../config.js';
import { appError, ErrorCode } from '../errors.js';
import { claimsSchema, type Principal, type Role } from './principal.js';

export type TokenVerifier = (token: string) => Promise<Principal>;

type JwtSettings = Pick<Config, 'JWT_ALGORITHM' | 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_PUBLIC_KEY' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token claim "${error.claim}" is invalid`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'token is malformed';
  return 'token could not be verified';
}

/**
 * Builds the verifier both the gateway and every subgraph use: a subgraph verifies the forwarded token itself
 * instead of trusting a tenant header. Only the configured algorithm is accepted (no `alg: none`, no HS/RS confusion).
 */
export async function createTokenVerifier(settings: JwtSettings): Promise<TokenVerifier> {
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  if (settings.JWT_ALGORITHM === 'HS256') key = new TextEncoder().encode(settings.JWT_SECRET);
  else if (settings.JWT_JWKS_URL) key = createRemoteJWKSet(new URL(settings.JWT_JWKS_URL));
  else key = (await importSPKI(settings.JWT_PUBLIC_KEY!, 'RS256')) as KeyObject;
  const options = { algorithms: [settings.JWT_ALGORITHM], issuer: settings.JWT_ISSUER, audience: settings.JWT_AUDIENCE };
  const verified = new VerifiedTokenCache();

  return async (token) => {
    const cached = verified.get(token);
    if (cached) return cached;
    let payload: { exp?: number };
    try {
      payload = (await jwtVerify(token, key as Uint8Array, options)).payload;
    } catch (error) {
      throw appError(ErrorCode.Unauthenticated, `Unauthenticated: ${reasonFor(error)}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw appError(ErrorCode.Unauthenticated, `Unauthenticated: ${claims.error.issues[0]!.message}`);
    const principal: Principal = { userId: claims.data.sub, tenantId: claims.data.tenant, roles: claims.data.roles };
    verified.set(token, principal, payload.exp);
    return principal;
  };
}

/**
 * Every hop (gateway, then each subgraph it calls, once per request or subscription event) verifies the same token;
 * remembering a verified token until it expires (at most a minute, so a rotated key takes effect quickly) saves the
 * signature check. Keyed by the whole token, signature included, so a different token never matches.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtSeconds: number | undefined): void {
    const until = Math.min(Date.now() + this.maxAgeMs, expiresAtSeconds ? expiresAtSeconds * 1000 : Number.POSITIVE_INFINITY);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, until });
  }
}

/** Reads `Bearer <token>`; any other scheme is a client error rather than an anonymous call. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw appError(ErrorCode.Unauthenticated, 'Unauthenticated: Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Signs a development token with the HS256 secret (used by `npm run token` and tests). */
export async function signDevToken(
  settings: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>,
  claims: { sub: string; tenant: string; roles: Role[] },
  expiresIn: string | number = '12h',
): Promise<string> {
  return new SignJWT({ tenant: claims.tenant, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.JWT_ISSUER)
    .setAudience(settings.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.JWT_SECRET));
}
