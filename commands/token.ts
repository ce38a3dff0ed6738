import { parseArgs } from 'node:util';
import { signDevToken } from '../platform/auth/jwt.js';
import { claimsSchema } from '../platform/auth/principal.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

/** `npm run token -- --tenant demo --role customer [--role staff] [--sub alice] [--expires 12h]`: prints a dev token. */
const { values } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'demo' },
    role: { type: 'string', multiple: true, default: ['customer'] },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
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
console.log(await signDevToken(config, claims.data, values.expires));
