import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { appError } from '../../platform/errors.js';
import { counter } from '../../platform/metrics/metrics.js';
import type { RequestContext } from '../../platform/request-context.js';
import { classifyOperation } from './classify-operation.js';
import type { BudgetState, GatewayRateLimiter } from './gateway-rate-limiter.js';
import { HeavyQueueTimeout, isHeavyOperation, type TenantHeavyGate } from './tenant-heavy-gate.js';

const refusals = counter({
  name: 'ragline_rate_limit_refusals_total',
  help: 'Operations refused by a gateway rate limit, by budget (operations, chat, ingestion, orders) and scope (user, tenant, ip)',
  labelNames: ['budget', 'scope'],
});

/** The IETF RateLimit fields and their common X- spelling, for the budget with the fewest points left. */
export function rateLimitHeaders(state: BudgetState): [string, string][] {
  const values: [string, string][] = [
    ['Limit', String(state.limit)],
    ['Remaining', String(state.remaining)],
    ['Reset', String(state.resetSeconds)],
  ];
  return values.flatMap(([name, value]) => [
    [`ratelimit-${name.toLowerCase()}`, value],
    [`x-ratelimit-${name.toLowerCase()}`, value],
  ]);
}

/** RATE_LIMITED, with when to retry; over HTTP (`overHttp`) a 429 with Retry-After and the RateLimit headers. */
export function rateLimitedError(state: BudgetState, requestId: string, overHttp = true) {
  const who = state.scope === 'tenant' ? 'your organisation' : state.scope === 'ip' ? 'anonymous calls from your address' : 'you';
  const message = `Rate limit reached: ${who} may run ${state.limit} ${describe(state)} a minute; retry in ${state.resetSeconds} s.`;
  const headers = new HeaderMap([...rateLimitHeaders(state), ['retry-after', String(state.resetSeconds)]]);
  return appError('RATE_LIMITED', message, {
    budget: state.budget,
    scope: state.scope,
    limit: state.limit,
    retryAfterSeconds: state.resetSeconds,
    requestId,
    ...(overHttp ? { http: { status: 429, headers } } : {}),
  });
}

function describe(state: BudgetState): string {
  return { operations: 'operations', chat: 'assistant messages', ingestion: 'ingestions', orders: 'order creations' }[state.budget];
}

/** Checks an operation's budgets once it is parsed and identified, before it is planned: refused work never starts. */
export async function checkRateLimits(
  limiter: GatewayRateLimiter,
  context: RequestContext,
  document: DocumentNode,
  operationName?: string | null,
) {
  const decision = await limiter.consume(context, classifyOperation(document, operationName));
  if (!decision.allowed) {
    const { budget, scope } = decision.binding;
    refusals.inc({ budget, scope });
    context.log.info({ budget, scope }, 'operation refused by its rate limit');
  }
  return decision;
}

/** RATE_LIMITED for a heavy operation that found no free slot of its tenant within the queue wait. */
function heavyQueueFullError(limit: number, requestId: string, overHttp = true) {
  const message = `Your organisation already runs ${limit} heavy operations (search, context assembly, chat, ingestion) at once and more are waiting; retry in 1 s.`;
  const headers = new HeaderMap([['retry-after', '1']]);
  return appError('RATE_LIMITED', message, {
    budget: 'heavy',
    scope: 'tenant',
    limit,
    retryAfterSeconds: 1,
    requestId,
    ...(overHttp ? { http: { status: 429, headers } } : {}),
  });
}

/**
 * The rate limits in Apollo Server (HTTP, and queries and mutations over graphql-ws, which go through executeOperation),
 * then the tenant's turn for a heavy operation (`TenantHeavyGate`), held until the response is sent.
 */
export function rateLimitPlugin(
  limiter: GatewayRateLimiter,
  heavyGate?: TenantHeavyGate,
  heavyLimit = 0,
): ApolloServerPlugin<RequestContext> {
  // Every budget and scope has its series from the start: a panel or alert sees 0 refusals rather than no data.
  for (const budget of ['operations', 'chat', 'ingestion', 'orders'])
    for (const scope of ['user', 'tenant', 'ip']) refusals.inc({ budget, scope }, 0);
  refusals.inc({ budget: 'heavy', scope: 'tenant' }, 0);
  return {
    async requestDidStart() {
      let releaseHeavy: (() => void) | undefined;
      // didResolveOperation hooks run side by side: another plugin's refusal can send the response while this one still
      // waits for its turn; a turn granted after that is given back at once.
      let responseSent = false;
      return {
        async didResolveOperation({ document, request, contextValue, response }) {
          const decision = await checkRateLimits(limiter, contextValue, document, request.operationName);
          if (!decision.allowed) throw rateLimitedError(decision.binding, contextValue.requestId);
          for (const [name, value] of rateLimitHeaders(decision.binding)) response.http.headers.set(name, value);
          if (!heavyGate || !isHeavyOperation(document, request.operationName)) return;
          try {
            const release = await heavyGate.acquire(contextValue.principal?.tenantId ?? 'anonymous');
            if (responseSent) release();
            else releaseHeavy = release;
          } catch (error) {
            if (!(error instanceof HeavyQueueTimeout)) throw error;
            refusals.inc({ budget: 'heavy', scope: 'tenant' });
            contextValue.log.info({ budget: 'heavy', scope: 'tenant' }, 'heavy operation refused: its tenant had no free turn');
            throw heavyQueueFullError(heavyLimit, contextValue.requestId);
          }
        },
        async willSendResponse() {
          responseSent = true;
          releaseHeavy?.();
        },
      };
    },
  };
}
