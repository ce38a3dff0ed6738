import { SUBGRAPH_NAMES } from '../../platform/config.js';
import { INGEST } from '../e2e/knowledge-helpers.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';

export const JWT_SECRET = 'production-test-secret-0123456789-abcdefghij';
export const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** The hardened deployment: production mode with the secrets it needs and nothing explicitly re-enabled. */
/**
 * The token limit would refuse DEEPLY_NESTED before the parser overflows; these tests are about what the gateway shows
 * of a raw runtime error ("Maximum call stack size exceeded"), so it is raised out of the way (operation-limits.test.ts
 * covers the limit itself).
 */
const PARSER_REACHABLE = { GRAPHQL_MAX_TOKENS: '100000' };

export const startProduction = (env: Record<string, string> = {}) =>
  startTestSupergraph({ NODE_ENV: 'production', JWT_SECRET, METRICS_TOKEN, ...PARSER_REACHABLE, ...env });

/** The contrast: development, as `npm start` runs by default. */
export const startDevelopment = () => startTestSupergraph({ NODE_ENV: 'development', ...PARSER_REACHABLE });

/** The gateway first, then each subgraph, by name. */
export function services(supergraph: TestSupergraph): [string, string][] {
  return [['gateway', supergraph.gateway.url], ...SUBGRAPH_NAMES.map((name) => [name, supergraph.subgraphs[name].url] as [string, string])];
}

export const route = (graphqlUrl: string, path: string) => graphqlUrl.replace(/\/graphql$/, path);

/** A JSON POST straight to a URL (a subgraph, bypassing the gateway). */
export async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

/** A GraphQL multipart upload of a small Markdown document through the gateway, as Apollo Sandbox or apollo-upload-client send it. */
export function uploadThroughGateway(supergraph: TestSupergraph, token: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: INGEST, variables: { input: { scope: 'faq', format: 'MARKDOWN', file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new Blob(['# Lockers\n\nLockers by the door are free for guests.'], { type: 'text/markdown' }), 'lockers.md');
  return fetch(supergraph.gateway.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
}

export const INTROSPECTION = '{ __schema { queryType { name } } }';
export const TYPE_INTROSPECTION = '{ __type(name: "Product") { fields { name } } }';
export const FEDERATION_SDL = '{ _service { sdl } }';
export const MENU = '{ products(first: 1) { edges { node { id name } } } }';
/** An expected error of the orders subgraph, with a detail of its own (argumentName). */
export const BAD_CURSOR = '{ products(first: 1, after: "junk") { edges { node { id } } } }';
/** Deep enough to overflow graphql-js's recursive parser: Apollo reports the RangeError's own message. */
export const DEEPLY_NESTED = `{${' a {'.repeat(3000)} b ${'}'.repeat(3000)}}`;
/** A typo the schema would correct: "Did you mean "products"?" names a field. */
export const TYPO = '{ prodcts(first: 1) { edges { node { id } } } }';
