import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.js';
import { gatewayProtections } from './gateway-protections.js';

describe("the gateway's console settings", () => {
  it('mint development tokens outside production only', () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-characters' });
    expect(gatewayProtections(production).console?.devTokens).toBeUndefined();
    expect(gatewayProtections(production).console?.assetsDir).toMatch(/dist\/console$/);
    expect(gatewayProtections(loadConfig({ NODE_ENV: 'development' })).console?.devTokens?.tenants).toEqual(['demo']);
  });
});
