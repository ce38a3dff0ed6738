import { devTokenLifetimeSeconds, signDevToken } from '../platform/auth/jwt.js';
import type { Config } from '../platform/config.js';
import { withoutPassword } from '../platform/config-security.js';
import type { RunningSupergraph } from './start-supergraph.js';

/**
 * What `npm start` prints: the URLs, the explorers when they are on, and in development a token to try the API with.
 * A production process prints no token (its secret signs real sessions) and no database password.
 */
export async function startupBanner(
  config: Config,
  supergraph: { gateway: Pick<RunningSupergraph['gateway'], 'url' | 'wsUrl'>; subgraphs: RunningSupergraph['subgraphs'] },
): Promise<string> {
  const token =
    config.JWT_ALGORITHM === 'HS256' && !config.security.production
      ? await signDevToken(config, { sub: 'demo-customer', tenant: 'demo', roles: ['customer'] })
      : undefined;
  const lifetimeSeconds = devTokenLifetimeSeconds(config);
  const lifetime = lifetimeSeconds % 3600 === 0 ? `${lifetimeSeconds / 3600} h` : `${Math.floor(lifetimeSeconds / 60)} min`;
  const origin = supergraph.gateway.url.replace(/\/graphql$/, '');
  const explorers = config.security.explorer
    ? `  Apollo Sandbox   ${supergraph.gateway.url}   (open in a browser; loads from Apollo's CDN)\n  Offline explorer ${origin}/graphiql\n`
    : '';
  return `
RAGline is running (${config.REDIS_URL ? 'Redis event bus' : 'in-process event bus'}, orders data at ${withoutPassword(config.databaseUrlFor('orders'))})

  Web console      ${origin}/console/${config.security.production ? '' : "   (sign in as the demo tenant's customer, staff or admin)"}
  GraphQL API      ${supergraph.gateway.url}   (subscriptions: ${supergraph.gateway.wsUrl})
${explorers}${Object.values(supergraph.subgraphs)
    .map((subgraph) => `  ${subgraph.name.padEnd(16)} ${subgraph.url}`)
    .join('\n')}
${token ? `\n  Dev token (tenant demo, role customer, ${lifetime}):\n  Authorization: Bearer ${token}\n\n  More: npm run token -- --tenant demo --role staff` : ''}
`;
}
