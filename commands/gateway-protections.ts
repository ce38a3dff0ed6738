import type { GatewayOptions } from '../gateway/gateway-server.js';
import { resolve } from 'node:path';
import { DEMO_TENANT } from '../db/seed/demo-tenant.js';
import { signDevToken } from '../platform/auth/jwt.js';
import type { Config } from '../platform/config.js';
import { inputLimitsFromConfig } from '../platform/server/input-hygiene.js';
import { operationLimitsFromConfig, socketLimitsFromConfig } from '../platform/server/operation-limits.js';
import { LARGE_STRING_INPUTS } from '../subgraphs/index.js';

/** What the gateway enforces, read from the configuration: the same for `npm start` and `npm run start:gateway`. */
export function gatewayProtections(
  config: Config,
): Pick<GatewayOptions, 'operationLimits' | 'socketLimits' | 'inputLimits' | 'security' | 'rateLimits' | 'console'> {
  return {
    operationLimits: operationLimitsFromConfig(config),
    socketLimits: socketLimitsFromConfig(config),
    inputLimits: inputLimitsFromConfig(config, LARGE_STRING_INPUTS),
    security: config.security,
    rateLimits: config.rateLimits,
    console: {
      assetsDir: resolve(config.CONSOLE_DIR),
      // Sign-in by picking a demo tenant and role: development and tests only, and only with the HS256 dev secret.
      devTokens:
        config.security.production || config.JWT_ALGORITHM !== 'HS256'
          ? undefined
          : { tenants: [DEMO_TENANT], mint: (claims) => signDevToken(config, claims) },
    },
  };
}
