import { createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, errors as joseErrors, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import { appError, ErrorCode } from '../errors.js';
import { claimsSchema, type Principal, type Role } from './principal.js';

/** A token this server accepts: who it proves, and until when. */
export interface VerifiedToken {
  principal: Principal;
  /** `exp` plus the allowed clock skew, in ms since the epoch: from this instant on the token is refused. */
  expiresAt: number;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

type JwtSettings = Pick<
  Config,
  | 'JWT_ALGORITHM'
  | 'JWT_SECRET'
  | 'JWT_JWKS_URL'
  | 'JWT_PUBLIC_KEY'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'JWT_MAX_LIFETIME_SECONDS'
  | 'JWT_CLOCK_SKEW_SECONDS'
>;

function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.reason === 'missing') return `token has no "${error.claim}" claim`;
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token claim "${error.claim}" is invalid`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'token is malformed';
  return 'token could not be verified';
}

/**
 * A token lives at most `JWT_MAX_LIFETIME_SECONDS`, counted from `iat`, or from now for a token without `iat`. An `iat`
 * in the future (beyond the skew) is refused, or it would stretch a short lifetime from now arbitrarily far.
 */
function lifetimeProblem(payload: { exp?: number; iat?: number }, settings: JwtSettings): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const skew = settings.JWT_CLOCK_SKEW_SECONDS;
  const max = settings.JWT_MAX_LIFETIME_SECONDS;
  if (payload.iat !== undefined && payload.iat > now + skew) return 'token claim "iat" is in the future';
  const lifetime = payload.iat !== undefined ? payload.exp! - payload.iat : payload.exp! - now - skew;
  if (lifetime > max) return `token lifetime exceeds the maximum of ${max} seconds`;
  return undefined;
}

/**
 * Builds the verifier both the gateway and every subgraph use: a subgraph verifies the forwarded token itself
 * instead of trusting a tenant header. Only the configured algorithm is accepted (no `alg: none`, no HS/RS confusion);
 * `exp` is required, tokens living longer than the maximum lifetime are refused, and `JWT_CLOCK_SKEW_SECONDS` is
 * tolerated on `exp`, `nbf` and `iat`.
 */
export async function createTokenVerifier(settings: JwtSettings): Promise<TokenVerifier> {
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  if (settings.JWT_ALGORITHM === 'HS256') key = new TextEncoder().encode(settings.JWT_SECRET);
  else if (settings.JWT_JWKS_URL) key = createRemoteJWKSet(new URL(settings.JWT_JWKS_URL));
  else key = (await importSPKI(settings.JWT_PUBLIC_KEY!, 'RS256')) as KeyObject;
  const options = {
    algorithms: [settings.JWT_ALGORITHM],
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    requiredClaims: ['exp'],
    clockTolerance: settings.JWT_CLOCK_SKEW_SECONDS,
  };
  const verified = new VerifiedTokenCache();

  return async (token) => {
    const cached = verified.get(token);
    if (cached) return cached;
    let payload: { exp?: number; iat?: number };
    try {
      payload = (await jwtVerify(token, key as Uint8Array, options)).payload;
    } catch (error) {
      throw appError(ErrorCode.Unauthenticated, `Unauthenticated: ${reasonFor(error)}`);
    }
    const problem = lifetimeProblem(payload, settings);
    if (problem) throw appError(ErrorCode.Unauthenticated, `Unauthenticated: ${problem}`);
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw appError(ErrorCode.Unauthenticated, `Unauthenticated: ${claims.error.issues[0]!.message}`);
    const result: VerifiedToken = {
      principal: { userId: claims.data.sub, tenantId: claims.data.tenant, roles: claims.data.roles },
      expiresAt: (payload.exp! + settings.JWT_CLOCK_SKEW_SECONDS) * 1000,
    };
    verified.set(token, result, payload.exp! * 1000);
    return result;
  };
}

/**
 * Every hop (gateway, then each subgraph it calls, once per request or subscription event) verifies the same token;
 * remembering a verified token until its `exp` (at most a minute, so a rotated key takes effect quickly) saves the
 * signature check. Past `exp` the token is verified again (accepted within the clock skew, then refused). Keyed by the
 * whole token, signature included, so a different token never matches.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, { verified: VerifiedToken; until: number }>();
  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.verified;
  }

  set(token: string, verified: VerifiedToken, expMs: number): void {
    const until = Math.min(Date.now() + this.maxAgeMs, expMs);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { verified, until });
  }
}

/** The last result of a subscription whose token has expired, and the answer to operations on its connection after. */
export function tokenExpiredError(): GraphQLError {
  return appError(ErrorCode.Unauthenticated, 'Unauthenticated: token expired');
}

/** Reads `Bearer <token>`; any other scheme is a client error rather than an anonymous call. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw appError(ErrorCode.Unauthenticated, 'Unauthenticated: Authorization header must be "Bearer <token>"');
  return match[1];
}

/** The lifetime of a development token unless asked otherwise: 12 hours, or the maximum lifetime if shorter. */
export function devTokenLifetimeSeconds(settings: Pick<Config, 'JWT_MAX_LIFETIME_SECONDS'>): number {
  return Math.min(12 * 3600, settings.JWT_MAX_LIFETIME_SECONDS);
}

/**
 * Signs a development token with the HS256 secret (used by `npm run token`, `npm start` and tests). `expiresIn` is a
 * duration as jose reads it ('30m', '12h') or seconds from now.
 */
export async function signDevToken(
  settings: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_MAX_LIFETIME_SECONDS'>,
  claims: { sub: string; tenant: string; roles: Role[] },
  expiresIn: string | number = devTokenLifetimeSeconds(settings),
): Promise<string> {
  return new SignJWT({ tenant: claims.tenant, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.JWT_ISSUER)
    .setAudience(settings.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof expiresIn === 'number' ? `${expiresIn}s` : expiresIn)
    .sign(new TextEncoder().encode(settings.JWT_SECRET));
}
