import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type ASTVisitor, type ValidationContext } from 'graphql';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { bearerToken, type TokenVerifier } from '../auth/jwt.js';
import { appError } from '../errors.js';
import { hasRole } from '../auth/principal.js';
import type { SecuritySettings } from '../config-security.js';

/**
 * Headers a browser cannot send cross-site without a CORS preflight: the ones Apollo's clients and the gateway's own
 * CSRF prevention use, and yoga's. A JSON request (the gateway's subgraph fetches) is preflighted anyway and needs none.
 */
export const CSRF_PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name', 'x-graphql-yoga-csrf', 'graphql-ws'];

/**
 * Cross-site "simple" requests (GET, form and text/plain POSTs, multipart) are refused with 403 unless they carry a
 * preflight header. The plugin's error gets a code, so the subgraph's error masking passes it through as it is.
 */
export function subgraphCsrfPrevention(): Plugin {
  const { onRequestParse } = useCSRFPrevention({ requestHeaders: CSRF_PREFLIGHT_HEADERS });
  return {
    onRequestParse(payload) {
      try {
        return onRequestParse?.(payload);
      } catch {
        throw appError(
          'BAD_REQUEST',
          `This request has been blocked as a potential cross-site request forgery: send it as application/json, or with one of the headers ${CSRF_PREFLIGHT_HEADERS.join(', ')}`,
          { http: { status: 403 } },
        );
      }
    },
  };
}

/**
 * CORS of a subgraph: the CORS_ORIGINS allow-list (no credentials: callers authenticate with a bearer token, never
 * cookies); without one, any origin in development (yoga's default) and none in production.
 */
export function subgraphCors(security: SecuritySettings): CORSOptions | ((request: Request) => CORSOptions) | undefined {
  const allowed = security.corsOrigins;
  if (allowed === undefined) return undefined;
  if (allowed.length === 0) return false;
  return (request) => {
    const origin = request.headers.get('origin');
    return origin && allowed.includes(origin) ? { origin: [origin], credentials: false } : false;
  };
}

/** `_service { sdl }` is federation's introspection: the whole subgraph schema, directives included. */
function NoFederationServiceFieldRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '_service' && context.getParentType()?.name === 'Query') {
        context.reportError(
          new GraphQLError('GraphQL introspection has been disabled, but the requested query contained the field "_service".', {
            nodes: node,
          }),
        );
      }
    },
  };
}

const INTROSPECTION_NAMES = /__schema|__type\b|_service/;

/**
 * Without GRAPHQL_INTROSPECTION=true (production's default), `__schema`, `__type` and `_service` need a valid token of
 * staff or an admin; anonymous and customer callers get GRAPHQL_VALIDATION_FAILED (the gateway's code for refused
 * introspection). Checked before execution, not as a validation rule: yoga caches validation results per document,
 * whoever asked. graphql-ws operations carry no HTTP request to check, so they never introspect. The gateway never
 * introspects subgraphs: it serves the composed schema.
 */
export function useIntrospectionGuard(security: SecuritySettings, verifyToken: TokenVerifier): Plugin {
  if (security.introspection) return {};
  const trusted = new WeakSet<Request>();
  return {
    async onParams({ request, params }) {
      if (!params.query || !INTROSPECTION_NAMES.test(params.query)) return;
      try {
        const token = bearerToken(request.headers.get('authorization'));
        if (token && hasRole((await verifyToken(token)).principal, 'staff', 'admin')) trusted.add(request);
      } catch {
        // Not trusted: execution below refuses the introspection.
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (request && trusted.has(request)) return;
      const text = args.document.loc?.source.body;
      if (text !== undefined && !INTROSPECTION_NAMES.test(text)) return;
      const refused = validate(args.schema, args.document, [NoSchemaIntrospectionCustomRule, NoFederationServiceFieldRule]);
      if (refused.length === 0) return;
      setResultAndStopExecution({
        errors: refused.map(
          (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
        ),
      });
    },
  };
}

/** "Did you mean …?" names fields of the schema: hidden whenever introspection is off (GraphQL Armor, as at the gateway). */
export function subgraphSuggestionBlocking(security: SecuritySettings): Plugin[] {
  return new EnvelopArmor({
    blockFieldSuggestion: { enabled: !security.introspection },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDepth: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
  }).protect().plugins as Plugin[];
}
