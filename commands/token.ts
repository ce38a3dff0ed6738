import { parseArgs } from 'node:util';
import { decodeJwt } from 'jose';
import { devTokenLifetimeSeconds, signDevToken } from '../platform/auth/jwt.js';
import { claimsSchema } from '../platform/auth/principal.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

/**
 * `npm run token -- --tenant demo --role customer [--role staff] [--sub alice] [--expires 12h]`: prints a dev token
 * (12 h by default, or JWT_MAX_LIFETIME_SECONDS if shorter; a longer `--expires` is refused, as the servers would).
 */
const { values } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'demo' },
    role: { type: 'string', multiple: true, default: ['customer'] },
    sub: { type: 'string' },
    expires: { type: 'string' },
  },
});
const config = loadConfigOrExit();
if (config.JWT_ALGORITHM !== 'HS256') {
  console.error('npm run token signs HS256 development tokens; with JWT_ALGORITHM=RS256 get tokens from your identity provider.');
  process.exit(1);
}
const claims = claimsSchema.safeParse({
  sub: values.sub ?? `${values.tenant}-${values.role![0]}`,
  tenant: values.tenant,
  roles: values.role,
});
if (!claims.success) {
  console.error(claims.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  process.exit(1);
}
let token: string;
try {
  token = await signDevToken(config, claims.data, values.expires ?? devTokenLifetimeSeconds(config));
} catch (error) {
  console.error(`--expires: ${(error as Error).message} (expected a duration such as 30m, 12h or 1d)`);
  process.exit(1);
}
const { exp, iat } = decodeJwt(token);
if (exp! - iat! > config.JWT_MAX_LIFETIME_SECONDS || exp! <= iat!) {
  console.error(`--expires: expected a duration from 1 s to JWT_MAX_LIFETIME_SECONDS (${config.JWT_MAX_LIFETIME_SECONDS} s)`);
  process.exit(1);
}
console.log(token);
