import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (no "exports" map), but Vite prefers the "module" field (index.mjs).
    // Two copies break `instanceof` checks ("Cannot use GraphQLSchema from another module or realm"), so tests use
    // the one Node and the @apollo/* packages use.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['{platform,db,gateway,subgraphs,commands,test,clients,ops}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and servers are heavy; two workers keep 2 cores busy without thrashing.
    maxWorkers: 2,
    pool: 'forks',
  },
});
