// The layer rules of docs/architecture.md ("Layers"), enforced by `npm run check:deps` (part of `npm test`).
// Reading order, bottom to top: platform/ -> db/ -> gateway/ and subgraphs/<name>/ -> commands/. test/ may use all.
const SUBGRAPHS = '(orders|knowledge|assistant|observability)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-subgraph-imports',
      comment: 'A subgraph never imports another: shared code is a platform capability; data crosses the supergraph or the bus.',
      severity: 'error',
      from: { path: `^subgraphs/${SUBGRAPHS}/` },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/'] },
    },
    {
      name: 'platform-imports-nothing-above-it',
      comment: 'platform/ is the shared ground: it imports no database code, gateway, subgraph or start-up command.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(db|gateway|subgraphs|commands)/' },
    },
    {
      name: 'db-imports-platform-only',
      comment: 'db/ holds the connection, migrations and seed data; it may use platform/ and nothing above.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(gateway|subgraphs|commands)/' },
    },
    {
      name: 'gateway-imports-platform-only',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(db|subgraphs|commands)/' },
    },
    {
      name: 'subgraphs-import-platform-and-db-only',
      comment: 'Subgraphs sit beside the gateway: they never import it, the start-up commands or test code.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^(gateway|commands)/' },
    },
    {
      name: 'no-test-code-in-production',
      comment:
        'Production code never imports a test, a fake or a fixture: dist/ ships none of them. (Unit tests beside the code may use test/ support.)',
      severity: 'error',
      from: { path: '^(platform|db|gateway|subgraphs|commands)/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^test/', '\\.test\\.ts$'] },
    },
    {
      name: 'clients-are-api-clients-only',
      comment: 'clients/ (the SDK, the web console) reach the platform through the GraphQL API only: no server code, no test code.',
      severity: 'error',
      from: { path: '^clients/' },
      to: { path: '^(platform|db|gateway|subgraphs|commands|test)/' },
    },
    {
      name: 'server-code-imports-no-clients',
      comment: 'The gateway serves the built console as files; no production code imports client source.',
      severity: 'error',
      from: { path: '^(platform|db|gateway|subgraphs|commands)/' },
      to: { path: '^clients/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      // A types-only package (no JavaScript to resolve): its imports are `import type` and vanish when compiled.
      to: { couldNotResolve: true, pathNot: '^@graphql-typed-document-node/core$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^dist/', '^clients/.*/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
