import type { GatewayOptions } from '../gateway/gateway-server.js';
import type { Config } from '../platform/config.js';
import { inputLimitsFromConfig } from '../platform/server/input-hygiene.js';
import { operationLimitsFromConfig, socketLimitsFromConfig } from '../platform/server/operation-limits.js';
import { LARGE_STRING_INPUTS } from '../subgraphs/index.js';

/** What the gateway enforces, read from the configuration: the same for `npm start` and `npm run start:gateway`. */
export function gatewayProtections(
  config: Config,
): Pick<GatewayOptions, 'operationLimits' | 'socketLimits' | 'inputLimits' | 'security' | 'rateLimits'> {
  return {
    operationLimits: operationLimitsFromConfig(config),
    socketLimits: socketLimitsFromConfig(config),
    inputLimits: inputLimitsFromConfig(config, LARGE_STRING_INPUTS),
    security: config.security,
    rateLimits: config.rateLimits,
  };
}
